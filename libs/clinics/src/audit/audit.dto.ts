import { ApiProperty } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['staff', 'api-key', 'admin'], description: 'who made the change' })
  actorType: 'staff' | 'api-key' | 'admin';

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the staff member’s or API key’s id; null for the admin token',
  })
  actorId: string | null;

  @ApiProperty({ example: 'cadence.replace', description: '<subject>.<verb>' })
  action: string;

  @ApiProperty({ example: 'cadence' })
  subjectType: string;

  @ApiProperty({ example: 'medical-massage' })
  subjectId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the record before (null when created)' })
  before: unknown;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the record after (null when removed)' })
  after: unknown;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}
