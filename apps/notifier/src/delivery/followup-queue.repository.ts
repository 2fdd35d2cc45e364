import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, followupJobId, followupJobs, JobName, QueueName } from '@app/shared';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const SWEEP_SCHEDULER_ID = 'recovery-sweep';

export type JobStanding = 'missing' | 'finished' | 'pending';

/** The notifier's door to BullMQ and its Redis: follow-up jobs, the sweep's schedule, send pacing. */
@Injectable()
export class FollowupQueueRepository {
  constructor(
    @InjectQueue(QueueName.Followups) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(followups: { id: string; version: number; sendAt: Date }[]): Promise<void> {
    if (followups.length === 0) return;
    await this.queue.addBulk(followupJobs(followups, this.config.delivery));
  }

  /**
   * Where each follow-up version's job stands, in one round trip: `missing` (Redis does not have
   * it), `finished` (completed or failed: that job id cannot run again) or `pending`.
   */
  async jobStates(followups: { id: string; version: number }[]): Promise<JobStanding[]> {
    if (followups.length === 0) return [];
    const client = await this.redis();
    const pipeline = client.pipeline();
    for (const followup of followups) {
      const jobId = followupJobId(followup.id, followup.version);
      pipeline.exists(this.queue.toKey(jobId)).zscore(this.queue.keys.completed, jobId).zscore(this.queue.keys.failed, jobId);
    }
    const replies = ((await pipeline.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    return followups.map((_, i) => {
      const [exists, completed, failed] = replies.slice(i * 3, i * 3 + 3);
      if (exists === 0) return 'missing';
      return completed !== null || failed !== null ? 'finished' : 'pending';
    });
  }

  /** A BullMQ job scheduler, so one sweep runs per interval however many notifiers there are. */
  async scheduleSweep(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.delivery.sweepIntervalMs },
      { name: JobName.RecoverySweep, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /**
   * Takes a slot in this second's budget for a channel, shared by every notifier through Redis.
   * Returns 0 when the message may go now, else how long to wait for the next second.
   */
  async takeSendSlot(channel: 'email' | 'sms'): Promise<number> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const key = `${this.config.queuePrefix}:send-rate:${channel}:${second}`;
    const client = await this.redis();
    const [[, count]] = (await client.multi().incr(key).pexpire(key, 2_000).exec()) as [[Error | null, number], unknown];
    return count <= this.config.delivery.perSecond[channel] ? 0 : (second + 1) * 1000 - now;
  }

  private async redis(): Promise<Redis> {
    return (await this.queue.getBackend().client) as unknown as Redis;
  }
}
