import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type Clinic,
  ClinicAlertJob,
  type FlareUpEvent,
  FollowupQueues,
  type InboundMessage,
  JobName,
  parseJobPayload,
  type Patient,
  PatientEventJobName,
  QueueName,
  scrubText,
} from '@app/shared';
import { type Queue, UnrecoverableError } from 'bullmq';
import { EmailChannel, FollowupProcessor } from '@app/delivery';
import { RepliesRepository } from './replies.repository.js';

/** Tries of a clinic alert email after the first, 5 s apart and doubling: about 85 minutes in all. */
const ALERT_RETRIES = 10;
const ALERT_BACKOFF_MS = 5_000;

/**
 * A check-in score at or above the clinic's threshold: the clinic gets an email (its subject says
 * nothing clinical) and the scheduler records the event on the patient. An email that fails is
 * tried again through the follow-ups queue, so a mail server's bad minute does not leave the
 * clinic unaware of a patient asking for help.
 */
@Injectable()
export class FlareUpAlertService implements OnModuleInit {
  private readonly logger = new Logger(FlareUpAlertService.name);

  constructor(
    private readonly email: EmailChannel,
    private readonly replies: RepliesRepository,
    private readonly queues: FollowupQueues,
    private readonly jobs: FollowupProcessor,
    @InjectQueue(QueueName.PatientEvents) private readonly patientEvents: Queue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.ClinicAlert, async (job) => {
      const { inboundMessageId } = await parseJobPayload(ClinicAlertJob, job.data);
      const found = await this.replies.replyWithConversation(inboundMessageId);
      if (!found?.reply.score) throw new UnrecoverableError(`reply ${inboundMessageId} has no patient or score to alert about`);
      await this.sendAlert(found.clinic, found.patient, found.reply, found.reply.score);
      this.logger.log(`flare-up alert for patient ${found.patient.id} (reply ${inboundMessageId}) sent on try ${job.attemptsMade + 1}`);
    });
  }

  async raise(clinic: Clinic, patient: Patient, reply: InboundMessage, score: number): Promise<void> {
    const event: FlareUpEvent = { clinicId: clinic.id, patientId: patient.id, inboundMessageId: reply.id, score };
    // The job id makes a repeated webhook record one event, not two.
    await this.patientEvents.add(PatientEventJobName.FlareUp, event, {
      jobId: `flare-up-${reply.id}`,
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: 1000,
    });
    try {
      await this.sendAlert(clinic, patient, reply, score);
      this.logger.log(`flare-up alert for patient ${patient.id} (reply ${reply.id})`);
    } catch (error) {
      this.logger.warn(
        `flare-up alert for patient ${patient.id} (reply ${reply.id}) failed, tried again later: ${scrubText((error as Error).message)}`,
      );
      const data: ClinicAlertJob = { inboundMessageId: reply.id };
      await this.queues.base.add(JobName.ClinicAlert, data, {
        jobId: `clinic-alert-${reply.id}`,
        attempts: ALERT_RETRIES,
        backoff: { type: 'exponential', delay: ALERT_BACKOFF_MS },
        delay: ALERT_BACKOFF_MS,
      });
    }
  }

  private async sendAlert(clinic: Clinic, patient: Patient, reply: InboundMessage, score: number): Promise<void> {
    const name = [patient.firstName, patient.lastName].filter(Boolean).join(' ');
    await this.email.sendToClinic({
      to: clinic.email,
      fromName: `${clinic.name} (carecadence)`,
      subject: `A patient asked for a follow-up - ${clinic.name}`,
      reference: reply.id,
      text: [
        `${name} answered the check-in after their visit with ${score} on a scale from 1 (no soreness) to 5 (much worse).`,
        `Your clinic's alert threshold is ${clinic.flareUpThreshold}. They were offered to book a visit by text.`,
        '',
        `Phone: ${reply.from}`,
        `Patient id: ${patient.id}`,
        '',
        `Please contact them. If they describe severe or unusual symptoms, advise them to seek medical care.`,
      ].join('\n'),
    });
  }
}
