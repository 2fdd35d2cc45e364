import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SERVICE_TYPE_PATTERN } from '@app/shared';

/** ISO 8601 date-time with an explicit offset or Z, so nobody guesses which zone was meant. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export class CreateAppointmentDto {
  @IsUUID()
  patientId: string;

  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType: string;

  @Matches(ISO_WITH_OFFSET, { message: '$property must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00-05:00' })
  startsAt: string;

  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes: number;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  practitioner?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  /** The treatment plan this visit is a session of; without it, the patient's active plan for the service type. */
  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class RescheduleAppointmentDto {
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, { message: '$property must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00-05:00' })
  startsAt?: string;

  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes?: number;
}
