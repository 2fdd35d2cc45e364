import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from '@app/shared';

/**
 * Most items one batch may carry. The body's own shape (`{items: [1–500]}`) is checked by its DTO
 * (PatientsBatchDto, AppointmentsBatchDto, beside the single item's); each item is checked on its
 * own afterwards (`checkItems`), so a bad item is answered in its result and the others go in.
 */
export const BATCH_LIMIT = 500;

export type BatchStatus = 201 | 200 | 400 | 404 | 409;

class FieldErrorDto {
  @ApiProperty({ example: 'startsAt' })
  field: string;

  @ApiProperty({ example: 'must be an ISO 8601 date-time with an offset' })
  reason: string;
}

export class BatchItemResultDto {
  @ApiProperty({ description: "the item's place in `items`, from 0", example: 0 })
  index: number;

  @ApiProperty({
    enum: [201, 200, 400, 404, 409],
    description:
      '201 created; 200 its externalId was known (the existing record); 400 invalid; 404 its patient is not in the clinic; 409 its externalId names a record of another patient',
    example: 201,
  })
  status: BatchStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'the record, for 201 and 200' })
  id?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'what is wrong, field by field within the item' })
  errors?: FieldError[];
}

export class BatchResultDto {
  @ApiProperty({ type: [BatchItemResultDto], description: 'one per item, in the order of `items`' })
  results: BatchItemResultDto[];
}
