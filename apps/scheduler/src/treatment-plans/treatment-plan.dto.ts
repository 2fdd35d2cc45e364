import { SERVICE_TYPE_PATTERN } from '@app/shared';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DateTime } from 'luxon';

export class CreateTreatmentPlanDto {
  @IsUUID()
  patientId: string;

  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType: string;

  @IsInt()
  @Min(1)
  @Max(52)
  sessions: number;

  @IsInt()
  @Min(1)
  @Max(365)
  intervalDays: number;

  /** The day the first session is due (YYYY-MM-DD, the patient's local day); today when absent. */
  @IsOptional()
  @ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
      defaultMessage: () => '$property must be a calendar day such as 2026-12-01',
    },
  })
  startsOn?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}
