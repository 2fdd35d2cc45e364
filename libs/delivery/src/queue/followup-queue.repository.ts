import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  type FollowupJobSource,
  FollowupQueues,
  JobName,
  type JobStanding,
  type PeriodicJob,
  QueueName,
} from '@app/shared';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const SWEEP_SCHEDULER_ID = 'recovery-sweep';
const PROMOTER_SCHEDULER_ID = 'promote-followups';
const PROMOTED_UNTIL_KEY = 'promoted-until';
/** The send window's promoter runs once a minute. */
export const PROMOTER_INTERVAL_MS = 60_000;

export type { JobStanding };

/**
 * The notifier's door to BullMQ and its Redis: follow-up jobs (each in its partition of the
 * follow-ups queue), the sweep's and promoter's schedules (on the base queue), send pacing.
 */
@Injectable()
export class FollowupQueueRepository {
  constructor(
    @InjectQueue(QueueName.Followups) private readonly queue: Queue,
    private readonly queues: FollowupQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Adds the jobs of the follow-ups due within the send window (each in its partition); the others wait for the promoter. */
  async enqueue(followups: FollowupJobSource[], now = Date.now()): Promise<void> {
    await this.queues.enqueue(followups, now);
  }

  /**
   * Where each follow-up version's job stands, one round trip per partition: `missing` (Redis does
   * not have it), `finished` (completed or failed: that job id cannot run again) or `pending`.
   */
  async jobStates(followups: { id: string; version: number }[]): Promise<JobStanding[]> {
    return this.queues.jobStates(followups);
  }

  /**
   * The sweep as a periodic job on the base queue: one run per interval however many notifiers
   * and partitions there are.
   */
  sweepJob(): PeriodicJob {
    return {
      id: SWEEP_SCHEDULER_ID,
      queue: this.queue,
      everyMs: this.config.delivery.sweepIntervalMs,
      name: JobName.RecoverySweep,
      opts: { removeOnComplete: true, removeOnFail: 100 },
    };
  }

  /** The send window's promoter as a periodic job: one run per minute however many notifiers there are. */
  promoterJob(): PeriodicJob {
    return {
      id: PROMOTER_SCHEDULER_ID,
      queue: this.queue,
      everyMs: PROMOTER_INTERVAL_MS,
      name: JobName.PromoteFollowups,
      opts: { removeOnComplete: true, removeOnFail: 100 },
    };
  }

  /**
   * How far ahead the promoter has enqueued, kept beside the queue: a Redis that lost its data has
   * lost it too, so the next run enqueues the whole window again.
   */
  async promotedUntil(): Promise<Date | undefined> {
    const value = await (await this.redis()).get(this.queue.toKey(PROMOTED_UNTIL_KEY));
    return value === null ? undefined : new Date(Number(value));
  }

  async setPromotedUntil(until: Date): Promise<void> {
    await (await this.redis()).set(this.queue.toKey(PROMOTED_UNTIL_KEY), String(until.getTime()));
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
