import { IsInt, IsUUID, Min } from 'class-validator';

export enum QueueName {
  Followups = 'followups',
  PatientEvents = 'patient-events',
}

/** Jobs the notifier gives the scheduler to record on a patient (durable, unlike request/response). */
export enum PatientEventJobName {
  FlareUp = 'flare-up',
}

export class FlareUpEvent {
  @IsUUID()
  clinicId: string;

  @IsUUID()
  patientId: string;

  @IsUUID()
  inboundMessageId: string;

  @IsInt()
  @Min(1)
  score: number;
}

export enum JobName {
  SendFollowup = 'send-followup',
}

/** A follow-up job carries ids only; the notifier re-reads the row when it runs. */
export class SendFollowupJob {
  @IsUUID()
  followupId: string;

  @IsInt()
  @Min(1)
  version: number;
}

export interface JobPayloads {
  [JobName.SendFollowup]: SendFollowupJob;
}

/** Deterministic BullMQ job id for one version of a follow-up (no ':' — BullMQ reserves it). */
export function followupJobId(followupId: string, version: number): string {
  return `followup-${followupId}-v${version}`;
}
