import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { type Clinic, type FlareUpEvent, type InboundMessage, type Patient, PatientEventJobName, QueueName } from '@app/shared';
import type { Queue } from 'bullmq';
import { EmailChannel } from '@app/delivery';

/**
 * A check-in score at or above the clinic's threshold: the clinic gets an email (its subject says
 * nothing clinical) and the scheduler records the event on the patient.
 */
@Injectable()
export class FlareUpAlertService {
  private readonly logger = new Logger(FlareUpAlertService.name);

  constructor(
    private readonly email: EmailChannel,
    @InjectQueue(QueueName.PatientEvents) private readonly patientEvents: Queue,
  ) {}

  async raise(clinic: Clinic, patient: Patient, reply: InboundMessage, score: number): Promise<void> {
    const event: FlareUpEvent = { clinicId: clinic.id, patientId: patient.id, inboundMessageId: reply.id, score };
    // The job id makes a repeated webhook record one event, not two.
    await this.patientEvents.add(PatientEventJobName.FlareUp, event, {
      jobId: `flare-up-${reply.id}`,
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: 1000,
    });
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
    this.logger.log(`flare-up alert for patient ${patient.id} (reply ${reply.id})`);
  }
}
