import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { logQueueErrors, QueueName } from '@app/shared';
import type { Queue } from 'bullmq';
import { FollowupProcessor } from './followup.processor.js';

/** Connection errors of the notifier's queues and worker go to the JSON log. */
@Injectable()
export class QueueErrorLog implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Followups) private readonly queue: Queue,
    @InjectQueue(QueueName.PatientEvents) private readonly patientEvents: Queue,
    private readonly processor: FollowupProcessor,
  ) {}

  onApplicationBootstrap(): void {
    logQueueErrors(this.queue, `queue ${this.queue.name}`);
    logQueueErrors(this.patientEvents, `queue ${this.patientEvents.name}`);
    logQueueErrors(this.processor.worker, `worker ${this.queue.name}`);
  }
}
