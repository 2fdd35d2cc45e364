import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { followupJobId, JobName, QueueName, type SendFollowupJob } from '@app/shared';
import type { Queue } from 'bullmq';

export interface QueuedFollowup {
  id: string;
  version: number;
  sendAt: Date;
}

/** The scheduler's only door to BullMQ: delayed jobs keyed by follow-up id and version. */
@Injectable()
export class FollowupQueueRepository {
  private readonly logger = new Logger(FollowupQueueRepository.name);

  constructor(@InjectQueue(QueueName.Followups) private readonly queue: Queue<SendFollowupJob>) {}

  async enqueue(followups: QueuedFollowup[]): Promise<void> {
    if (followups.length === 0) return;
    const now = Date.now();
    await this.queue.addBulk(
      followups.map((followup) => ({
        name: JobName.SendFollowup,
        data: { followupId: followup.id, version: followup.version },
        opts: {
          jobId: followupJobId(followup.id, followup.version),
          delay: Math.max(0, followup.sendAt.getTime() - now),
          attempts: 8,
          backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Best effort: a job left behind is harmless, because the notifier's claim only matches the
   * row's current version and status.
   */
  async remove(followups: { id: string; version: number }[]): Promise<void> {
    for (const followup of followups) {
      const jobId = followupJobId(followup.id, followup.version);
      await this.queue.remove(jobId).catch((error: Error) => {
        this.logger.warn(`could not remove job ${jobId}: ${error.message}`);
      });
    }
  }
}
