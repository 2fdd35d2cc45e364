import { type FieldError, validateItem } from '@app/shared';
import type { ClassConstructor } from 'class-transformer';
import type { BatchItemResultDto } from './batch.dto.js';

/** An item that passed its own checks, with its place in the batch. */
export interface CheckedItem<T> {
  index: number;
  item: T;
}

/**
 * Checks each item as its own request body; the bad ones get their 400 result here and the rest
 * go on. `results` is indexed like `items` and filled in by whoever handles the rest.
 */
export async function checkItems<T extends object>(
  type: ClassConstructor<T>,
  items: unknown[],
): Promise<{ results: BatchItemResultDto[]; valid: CheckedItem<T>[] }> {
  const results: BatchItemResultDto[] = new Array<BatchItemResultDto>(items.length);
  const valid: CheckedItem<T>[] = [];
  for (const [index, item] of items.entries()) {
    const checked = await validateItem(type, item);
    if ('errors' in checked) results[index] = refused(index, 400, checked.errors);
    else valid.push({ index, item: checked.value });
  }
  return { results, valid };
}

export function refused(index: number, status: 400 | 404 | 409, errors: FieldError[]): BatchItemResultDto {
  return { index, status, errors };
}

/** Splits rows into chunks small enough for one statement's bound parameters (PostgreSQL allows 65,535). */
export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
