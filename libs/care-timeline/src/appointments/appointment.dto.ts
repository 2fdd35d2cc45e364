import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { type AppointmentStatus, IsInstantWithOffset, IsNotBlank, PageQuery, SERVICE_TYPE_PATTERN } from '@app/shared';
import { BATCH_LIMIT } from '../batch/batch.dto.js';

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid', example: '0b8f6c0e-5d6a-4c53-9d3e-2f7a1c9e4b21' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ example: 'medical-massage' })
  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType: string;

  @ApiProperty({ description: 'ISO 8601 with an offset, 1900–2100', example: '2026-12-01T10:00:00-05:00' })
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
  @IsNotBlank()
  practitioner?: string;

  @ApiPropertyOptional({
    description: "the booking system's id; repeating it answers the existing appointment",
    example: 'janeapp-appt-981',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  /** The treatment plan this visit is a session of; without it, the patient's active plan for the service type. */
  @IsOptional()
  @IsUUID()
  planId?: string;
}

/** POST /v1/appointments/batch: the items are checked one by one, each as CreateAppointmentDto. */
export class AppointmentsBatchDto {
  @ApiProperty({
    type: [CreateAppointmentDto],
    minItems: 1,
    maxItems: BATCH_LIMIT,
    description: 'each as POST /v1/appointments takes it; checked one by one',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_LIMIT)
  items: unknown[];
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

export class AppointmentQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'the patient whose visits to list, latest start first' })
  @IsUUID()
  patientId: string;
}

/** A visit as the API answers it. */
export class AppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  patientId: string;

  @ApiProperty({ example: 'medical-massage' })
  serviceType: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: Date;

  @ApiProperty({ example: 60 })
  durationMinutes: number;

  @ApiProperty({ type: String, nullable: true, example: 'Jordan' })
  practitioner: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'janeapp-appt-981' })
  externalId: string | null;

  @ApiProperty({ enum: ['booked', 'completed', 'cancelled', 'no-show'] })
  status: AppointmentStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the patient answered YES to a reminder' })
  confirmedAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the treatment plan this visit is a session of' })
  planId: string | null;

  @ApiProperty({ example: 0, description: "raised on every reschedule (the SEQUENCE of the visit's calendar file)" })
  revision: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}
