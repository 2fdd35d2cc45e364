import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, followupJobId, followupJobs, QueueName, type SendFollowupJob } from '@app/shared';
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

  constructor(
    @InjectQueue(QueueName.Followups) private readonly queue: Queue<SendFollowupJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(followups: QueuedFollowup[]): Promise<void> {
    if (followups.length === 0) return;
    await this.queue.addBulk(followupJobs(followups, this.config.delivery));
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
