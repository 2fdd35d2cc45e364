import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, followupJobId, followupJobs, FollowupQueues, inSendWindow, scrubText } from '@app/shared';

export interface QueuedFollowup {
  id: string;
  version: number;
  sendAt: Date;
}

/**
 * How long a request may spend telling Redis about its follow-ups after the database committed.
 * Whatever is not in Redis by then is left to the recovery sweep, which enqueues every due row
 * that has no job: the API answers whether Redis is there or not.
 */
export const QUEUE_BUDGET_MS = 1_000;

/** Slack for the clocks of the scheduler and the notifiers when telling whether a job may exist. */
const CLOCK_SLACK_MS = 60_000;

/**
 * The scheduler's only door to BullMQ: delayed jobs keyed by follow-up id and version, for the
 * follow-ups due within the send window only; planning or moving one further out touches only the
 * database (the notifier's promoter enqueues it when its time comes near).
 */
@Injectable()
export class FollowupQueueRepository {
  private readonly logger = new Logger(FollowupQueueRepository.name);

  constructor(
    private readonly queues: FollowupQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Applies a committed plan change to the queue within `QUEUE_BUDGET_MS`, never throwing: the
   * database is the truth, and a job not added now is added by the sweep when it is due. A job not
   * removed is harmless, because the notifier's claim only matches the row's current version and status.
   */
  async apply(change: { toRemove: QueuedFollowup[]; toEnqueue: QueuedFollowup[] }): Promise<void> {
    // A follow-up due beyond the send window never had a job and gets none: only the database changed.
    const now = Date.now();
    const toRemove = change.toRemove.filter((f) => inSendWindow(f.sendAt, this.config.delivery, now + CLOCK_SLACK_MS));
    const jobs = followupJobs(change.toEnqueue, this.config.delivery, now);
    if (toRemove.length === 0 && jobs.length === 0) return;
    const work = this.connected().then(async (connected) => {
      if (!connected) return 'redis-away' as const;
      await this.remove(toRemove);
      await this.queues.add(jobs);
      return 'done' as const;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), QUEUE_BUDGET_MS)));
    const outcome = await Promise.race([work, late])
      .catch((error: Error) => scrubText(error.message))
      .finally(() => clearTimeout(timer));
    // Finishing later is fine (deterministic job ids); failing later must not be an unhandled rejection.
    work.catch(() => undefined);
    if (outcome === 'done') return;
    this.logger.warn({
      msg: 'follow-up jobs left to the recovery sweep',
      reason: outcome,
      enqueue: jobs.length,
      remove: toRemove.length,
    });
  }

  /** False at once while the queue's connection is down (reconnecting), instead of queueing commands. */
  private async connected(): Promise<boolean> {
    const client = (await this.queues.base.getBackend().client) as unknown as { status: string };
    return client.status === 'ready';
  }

  private async remove(followups: { id: string; version: number }[]): Promise<void> {
    for (const followup of followups) {
      await this.queues.remove(followup).catch((error: Error) => {
        this.logger.warn(`could not remove job ${followupJobId(followup.id, followup.version)}: ${scrubText(error.message)}`);
      });
    }
  }
}
