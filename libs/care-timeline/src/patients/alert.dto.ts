import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared';
import { PatientNameDto } from './patient.dto.js';

const STATUSES = ['open', 'acknowledged'] as const;

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: '`open`: not acknowledged yet' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  patientId: string;

  @ApiProperty({ enum: ['flare-up'] })
  kind: 'flare-up';

  @ApiProperty({ minimum: 1, maximum: 5, description: 'the check-in score the patient texted (5: much worse)' })
  score: number;

  @ApiProperty({ format: 'uuid', description: 'the reply that raised it' })
  inboundMessageId: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, description: '`staff:<id>` or `api-key:<id>`' })
  acknowledgedBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}

export class ClinicAlertDto extends AlertDto {
  @ApiProperty({ type: () => PatientNameDto, nullable: true })
  patient: PatientNameDto | null;
}
