import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { FlareUpEvent, parseJobPayload, PatientEventJobName, QueueName } from '@app/shared';
import { type Job, UnrecoverableError } from 'bullmq';
import { AlertsRepository } from './patient-alerts.repository.js';

/** Records on the patient what the notifier learned from their replies (a flare-up). */
@Processor(QueueName.PatientEvents, { concurrency: 2 })
export class PatientEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(PatientEventsProcessor.name);

  constructor(private readonly alerts: AlertsRepository) {
    super();
  }

  async process(job: Job): Promise<void> {
    if ((job.name as PatientEventJobName) !== PatientEventJobName.FlareUp)
      throw new UnrecoverableError(`unknown job name ${JSON.stringify(job.name)}`);
    const event = await parseJobPayload(FlareUpEvent, job.data);
    await this.alerts.recordFlareUp(event);
    this.logger.log(`flare-up recorded for patient ${event.patientId}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`);
  }
}
