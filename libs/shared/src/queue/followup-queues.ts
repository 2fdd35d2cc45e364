import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/environment.js';
import { APP_CONFIG } from '../config/tokens.js';
import {
  followupJobId,
  type FollowupJobSource,
  followupJobs,
  followupPartition,
  followupPartitionPrefix,
  QUEUE_STREAMS,
  QueueName,
} from '../contracts/queues.js';
import { logQueueErrors } from '../observability/queue-errors.js';
import type { queueConnection } from '../redis/redis.js';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

export type JobStanding = 'missing' | 'finished' | 'pending';

const JOB_STANDINGS: JobStanding[] = ['missing', 'pending', 'finished'];

/**
 * KEYS: the completed set, the failed set, then each job's key; ARGV: each job's id. Answers one
 * code per job, an index into JOB_STANDINGS: 0 no job hash, 2 in the completed or failed set, else 1.
 */
const JOB_STANDINGS_SCRIPT = `
local codes = {}
for i = 3, #KEYS do
  local id = ARGV[i - 2]
  if redis.call('EXISTS', KEYS[i]) == 0 then
    codes[#codes + 1] = 0
  elseif redis.call('ZSCORE', KEYS[1], id) or redis.call('ZSCORE', KEYS[2], id) then
    codes[#codes + 1] = 2
  else
    codes[#codes + 1] = 1
  end
end
return codes
`;

/**
 * The follow-ups queue, split into QUEUE_PARTITIONS BullMQ queues (each under its own hash tag, so
 * a Redis Cluster spreads them over its masters). A follow-up's jobs always go to the partition of
 * its id. With one partition this is the `followups` queue of QUEUE_PREFIX, as it always was.
 *
 * The `followups` queue of QUEUE_PREFIX itself (`base`) stays in every layout: the periodic jobs
 * (recovery sweep) ride it, once per period for all partitions and replicas, and every notifier
 * consumes it, so jobs left there by an earlier one-partition layout still run.
 */
@Injectable()
export class FollowupQueues implements OnApplicationShutdown {
  /** One queue per partition, by partition number. */
  readonly partitions: Queue[];

  constructor(
    @InjectQueue(QueueName.Followups) readonly base: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_CONNECTION) connection: ReturnType<typeof queueConnection>,
  ) {
    const count = config.queuePartitions.count;
    this.partitions =
      count <= 1
        ? [base]
        : Array.from(
            { length: count },
            (_, partition) =>
              new Queue(QueueName.Followups, {
                connection,
                prefix: followupPartitionPrefix(config.queuePrefix, partition, count),
                defaultJobOptions: base.defaultJobOptions,
                streams: QUEUE_STREAMS,
              }),
          );
    for (const [partition, queue] of this.partitions.entries()) {
      if (queue !== base) logQueueErrors(queue, `queue ${queue.name} partition ${partition}`);
    }
  }

  /** The queue a follow-up's jobs go to. */
  queueOf(followupId: string): Queue {
    return this.partitions[followupPartition(followupId, this.partitions.length)];
  }

  /** Adds the jobs of the follow-ups due within the send window (`followupJobs`), each in its partition. */
  async enqueue(followups: FollowupJobSource[], now = Date.now()): Promise<void> {
    await this.add(followupJobs(followups, this.config.delivery, now));
  }

  /** Adds jobs built by `followupJobs`, one `addBulk` per partition, the partitions in parallel. */
  async add(jobs: ReturnType<typeof followupJobs>): Promise<void> {
    if (jobs.length === 0) return;
    await Promise.all([...this.byPartition(jobs, (job) => job.data.followup)].map(([queue, group]) => queue.addBulk(group)));
  }

  /** Removes these versions' jobs; best effort is the caller's choice (a stale job claims nothing). */
  async remove(followup: { id: string; version: number }): Promise<void> {
    await this.queueOf(followup.id).remove(followupJobId(followup.id, followup.version));
  }

  /**
   * Where each follow-up version's job stands, one script call per partition (a partition's keys
   * share one slot, as a cluster script needs): `missing` (Redis does not have it), `finished`
   * (completed or failed: that job id cannot run again) or `pending`. One call instead of three
   * commands a job: the sweep asks this of every follow-up due within its interval, 12,000 at 200
   * messages a second, and three pipelined commands a job (with whole rows read) took about a second
   * of the notifier's one thread, a quarter of it garbage collection, while it had messages to send.
   */
  async jobStates(followups: { id: string; version: number }[]): Promise<JobStanding[]> {
    const standings = new Array<JobStanding>(followups.length);
    const indexed = followups.map((followup, index) => ({ ...followup, index }));
    await Promise.all(
      [...this.byPartition(indexed, (f) => f.id)].map(async ([queue, group]) => {
        const client = (await queue.getBackend().client) as unknown as Redis;
        const jobIds = group.map((followup) => followupJobId(followup.id, followup.version));
        const keys = [queue.keys.completed, queue.keys.failed, ...jobIds.map((jobId) => queue.toKey(jobId))];
        const codes = (await client.eval(JOB_STANDINGS_SCRIPT, keys.length, ...keys, ...jobIds)) as number[];
        group.forEach((followup, i) => {
          standings[followup.index] = JOB_STANDINGS[codes[i]];
        });
      }),
    );
    return standings;
  }

  /** The base queue is BullModule's to close; the partitions' queues are ours. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.partitions.filter((queue) => queue !== this.base).map((queue) => queue.close()));
  }

  private byPartition<T>(items: T[], idOf: (item: T) => string): Map<Queue, T[]> {
    const groups = new Map<Queue, T[]>();
    for (const item of items) {
      const queue = this.queueOf(idOf(item));
      const group = groups.get(queue);
      if (group) group.push(item);
      else groups.set(queue, [item]);
    }
    return groups;
  }
}
