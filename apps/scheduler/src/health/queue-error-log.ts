import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { logQueueErrors, QueueName } from '@app/shared';
import type { Queue } from 'bullmq';

/** Connection errors of the scheduler's queue go to the JSON log. */
@Injectable()
export class QueueErrorLog implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Followups) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    logQueueErrors(this.queue, `queue ${this.queue.name}`);
  }
}
