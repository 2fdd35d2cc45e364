import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { closeWorkers, FlareUpEvent, parseJobPayload, PatientEventJobName, QueueName } from '@app/shared';
import { type Job, UnrecoverableError } from 'bullmq';
import { AlertsRepository } from './patient-alerts.repository.js';

/** Records on the patient what the notifier learned from their replies (a flare-up). */
@Processor(QueueName.PatientEvents, { concurrency: 2 })
export class PatientEventsProcessor extends WorkerHost implements OnModuleDestroy {
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

  /** SIGTERM: as the notifier's workers, within a grace period, and at once while Redis is down. */
  async onModuleDestroy(): Promise<void> {
    const { forced } = await closeWorkers([this.worker]);
    for (const { worker, reason } of forced) this.logger.warn({ msg: 'worker closed without waiting for its jobs', worker, reason });
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`);
  }
}
