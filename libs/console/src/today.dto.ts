import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClinicAlertDto, FollowupDto, PatientNameDto } from '@app/care-timeline';

export class TodayFollowupDto extends FollowupDto {
  @ApiProperty({ type: () => PatientNameDto, nullable: true })
  patient: PatientNameDto | null;
}

export class TodayReplyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ format: 'uuid' })
  patientId?: string;

  @ApiProperty({ description: 'the number it came from (E.164)' })
  from: string;

  @ApiProperty({ description: 'what the patient texted; show it as text, never as HTML' })
  body: string;

  @ApiProperty({ example: 'unrecognised' })
  intent: string;

  @ApiProperty({ example: 'unread' })
  status: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: () => PatientNameDto, nullable: true })
  patient: PatientNameDto | null;
}

export class TodayCountsDto {
  @ApiProperty({ description: 'follow-ups due in the next 24 hours' })
  dueSoon: number;

  @ApiProperty({ description: 'failed and dead follow-ups' })
  needsAttention: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'replies waiting for staff, counted up to 200; null when the notifier did not answer',
  })
  unreadReplies: number | null;

  @ApiProperty({ description: 'flare-up alerts nobody acknowledged yet' })
  openAlerts: number;
}

/** The front desk's day: counts first, then the first items of each list. */
export class TodayDto {
  @ApiProperty({ type: () => TodayCountsDto })
  counts: TodayCountsDto;

  @ApiProperty({ type: () => [TodayFollowupDto], description: 'soonest first (the first 50)' })
  dueSoon: TodayFollowupDto[];

  @ApiProperty({
    type: () => [TodayFollowupDto],
    description: 'failed and dead, most recent first (the first 50); POST /v1/followups/{id}/retry',
  })
  needsAttention: TodayFollowupDto[];

  @ApiProperty({ type: () => [TodayReplyDto], description: 'newest first (the first 10)' })
  unreadReplies: TodayReplyDto[];

  @ApiProperty({ type: () => [ClinicAlertDto], description: 'newest first (the first 10)' })
  openAlerts: ClinicAlertDto[];
}
