import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { logQueueErrors, QueueName } from '@app/shared';
import type { Queue } from 'bullmq';
import { PatientEventsProcessor } from './patients/patient-events.processor.js';

/** Connection errors of the scheduler's queues and its patient-events worker go to the JSON log. */
@Injectable()
export class QueueErrorLog implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Followups) private readonly followups: Queue,
    @InjectQueue(QueueName.PatientEvents) private readonly patientEvents: Queue,
    private readonly patientEventsProcessor: PatientEventsProcessor,
  ) {}

  onApplicationBootstrap(): void {
    logQueueErrors(this.followups, `queue ${this.followups.name}`);
    logQueueErrors(this.patientEvents, `queue ${this.patientEvents.name}`);
    logQueueErrors(this.patientEventsProcessor.worker, `worker ${this.patientEvents.name}`);
  }
}
