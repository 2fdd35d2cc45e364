import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_TYPE_PATTERN } from '@app/shared';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DateTime } from 'luxon';

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
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @IsOptional()
  @ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
      defaultMessage: () => '$property must be a calendar day such as 2026-12-01',
    },
  })
  startsOn?: string;

  @ApiPropertyOptional({ example: 'plan-4411', description: 'the booking system id; a repeat answers the existing plan' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}
