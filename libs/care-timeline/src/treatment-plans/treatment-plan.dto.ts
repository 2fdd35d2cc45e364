import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDay, PageQuery, SERVICE_TYPE_PATTERN, type TreatmentPlanStatus } from '@app/shared';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

export class CreateTreatmentPlanDto {
  @ApiProperty({ format: 'uuid', example: '3f0c2a9e-8d1b-4c7e-9a55-2b6f1d0e7c41' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ example: 'medical-massage' })
  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType: string;

  @ApiProperty({ minimum: 1, maximum: 52, example: 6, description: 'sessions in the plan' })
  @IsInt()
  @Min(1)
  @Max(52)
  sessions: number;

  @ApiProperty({ minimum: 1, maximum: 365, example: 7, description: 'days between sessions' })
  @IsInt()
  @Min(1)
  @Max(365)
  intervalDays: number;

  /** The day the first session is due (YYYY-MM-DD, the patient's local day); today when absent. */
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'between 1900 and 2100' })
  @IsOptional()
  @IsCalendarDay()
  startsOn?: string;

  @ApiPropertyOptional({ example: 'plan-4411', description: 'the booking system id; a repeat answers the existing plan' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}

export class TreatmentPlanQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'the patient whose plans to list, newest first' })
  @IsUUID()
  patientId: string;
}

/** A plan and its progress, as the API answers it. */
export class TreatmentPlanDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  patientId: string;

  @ApiProperty({ example: 'medical-massage' })
  serviceType: string;

  @ApiProperty({ example: 6 })
  sessions: number;

  @ApiProperty({ example: 7 })
  intervalDays: number;

  @ApiProperty({ format: 'date-time', description: 'when the first session is due' })
  startsAt: Date;

  @ApiProperty({ enum: ['active', 'completed', 'cancelled'] })
  status: TreatmentPlanStatus;

  @ApiProperty({ example: 2, description: 'completed visits counted towards the plan' })
  sessionsDone: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the next session is due; null once completed or cancelled',
  })
  nextDueAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  externalId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt: Date | null;
}
