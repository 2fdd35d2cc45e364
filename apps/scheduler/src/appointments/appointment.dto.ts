import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { SERVICE_TYPE_PATTERN } from '@app/shared';

/** ISO 8601 date-time with an explicit offset or Z, so nobody guesses which zone was meant. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time with an explicit offset that names a real instant: the pattern alone lets
 * through month 13, hour 25 or 30 February, which must be a 400, not a 500 or another day.
 */
function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          ISO_WITH_OFFSET.test(value) &&
          // Luxon refuses impossible calendar dates, Date refuses impossible offsets; both must agree.
          DateTime.fromISO(value, { setZone: true }).isValid &&
          !Number.isNaN(new Date(value).getTime()),
        defaultMessage: () => '$property must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00-05:00',
      },
    },
    options,
  );
}

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid', example: '0b8f6c0e-5d6a-4c53-9d3e-2f7a1c9e4b21' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ example: 'medical-massage' })
  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType: string;

  @ApiProperty({ description: 'ISO 8601 with an offset', example: '2026-12-01T10:00:00-05:00' })
  @IsInstantWithOffset()
  startsAt: string;

  @ApiProperty({ minimum: 5, maximum: 1440, example: 60 })
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes: number;

  @ApiPropertyOptional({ example: 'Jordan' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  practitioner?: string;

  @ApiPropertyOptional({ description: 'the booking system\'s id; repeating it answers the existing appointment', example: 'janeapp-appt-981' })
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
  @ApiPropertyOptional({ description: 'ISO 8601 with an offset', example: '2026-12-02T14:30:00-05:00' })
  @IsOptional()
  @IsInstantWithOffset()
  startsAt?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 1440, example: 45 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes?: number;
}
