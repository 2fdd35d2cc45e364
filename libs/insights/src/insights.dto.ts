import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** `GET /v1/insights` query; the dates are checked by `resolvePeriod` so each error names its field. */
export class InsightsQuery {
  @ApiPropertyOptional({
    description: 'first day, YYYY-MM-DD in the clinic’s time zone (default: 29 days before `to`)',
    example: '2026-10-24',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'last day, included, YYYY-MM-DD in the clinic’s time zone (default: today); at most 366 days after `from`',
    example: '2026-11-22',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ description: 'only follow-ups, replies, alerts and plans of this service type', example: 'medical-massage' })
  @IsOptional()
  @IsString()
  serviceType?: string;
}

export class BookedAfterDto {
  @ApiProperty({ description: 'sent follow-ups whose patient booked (created) an appointment in the 7 days after the send' })
  within7d!: number;

  @ApiProperty({ description: 'the same within 14 days (includes within7d)' })
  within14d!: number;
}

export class StepOutcomeDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'service type of the visit or plan the follow-up belongs to',
    example: 'medical-massage',
  })
  serviceType!: string | null;

  @ApiProperty({ example: 'aftercare' })
  stepKey!: string;

  @ApiProperty({ example: 'aftercare' })
  kind!: string;

  @ApiProperty({ description: 'follow-ups that went out in the period or were due in it, whatever became of them' })
  planned!: number;

  @ApiProperty({ description: 'follow-ups that went out in the period, one per follow-up whatever the channel' })
  sent!: number;

  @ApiProperty({ description: 'sent follow-ups the provider reported delivered (SMS status callbacks)' })
  delivered!: number;

  @ApiProperty({ description: 'follow-ups that failed for good' })
  failed!: number;

  @ApiProperty({ description: 'follow-ups a send-time check skipped' })
  skipped!: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { 'opted-out': 2, rebooked: 5 } })
  skippedByReason!: Record<string, number>;

  @ApiProperty({ description: 'patients who withdrew consent for the channel the follow-up reached them on within 7 days of the send' })
  optedOutAfter!: number;

  @ApiProperty({ description: 'texts patients sent in answer to these follow-ups' })
  replies!: number;

  @ApiProperty({ type: () => BookedAfterDto })
  bookedAfter!: BookedAfterDto;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'bookedAfter.within7d / sent, three decimals; null when nothing was sent',
    example: 0.4,
  })
  conversion7d!: number | null;
}

export class ScoreHistogramDto {
  @ApiProperty() '1'!: number;
  @ApiProperty() '2'!: number;
  @ApiProperty() '3'!: number;
  @ApiProperty() '4'!: number;
  @ApiProperty() '5'!: number;
}

export class CheckinsDto {
  @ApiProperty({ description: 'check-in replies with a score received in the period' })
  replies!: number;

  @ApiProperty({ type: () => ScoreHistogramDto, description: 'replies per score (1 no soreness … 5 much worse)' })
  scores!: ScoreHistogramDto;
}

export class AlertsOutcomeDto {
  @ApiProperty({ description: 'flare-up alerts raised in the period' })
  raised!: number;

  @ApiProperty({ description: 'of those, the ones staff acknowledged' })
  acknowledged!: number;
}

export class PlansOutcomeDto {
  @ApiProperty({ description: 'treatment plans whose first session fell in the period' })
  started!: number;

  @ApiProperty({ description: 'plans completed in the period' })
  completed!: number;

  @ApiProperty({ description: 'plans cancelled in the period' })
  cancelled!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'completed / (completed + cancelled); null when none ended', example: 0.75 })
  completionRate!: number | null;
}

export class WeekOutcomeDto {
  @ApiProperty({ description: 'Monday of the week (clinic’s calendar); the first and last weeks may be partial', example: '2026-11-16' })
  weekStart!: string;

  @ApiProperty({ description: 'follow-ups sent that week' })
  sent!: number;

  @ApiProperty({ description: 'of those, the ones followed by a booking within 7 days' })
  bookedAfter7d!: number;

  @ApiProperty({ description: 'patients who opted out within 7 days of a send that week' })
  optedOut!: number;
}

/** Only counts: nothing in it names or reaches a patient. */
export class InsightsDto {
  @ApiProperty({ example: '2026-10-24' })
  from!: string;

  @ApiProperty({ example: '2026-11-22' })
  to!: string;

  @ApiProperty({ type: () => [StepOutcomeDto] })
  steps!: StepOutcomeDto[];

  @ApiProperty({ type: () => CheckinsDto })
  checkins!: CheckinsDto;

  @ApiProperty({ type: () => AlertsOutcomeDto })
  alerts!: AlertsOutcomeDto;

  @ApiProperty({ type: () => PlansOutcomeDto })
  plans!: PlansOutcomeDto;

  @ApiProperty({ type: () => [WeekOutcomeDto] })
  weekly!: WeekOutcomeDto[];
}
