import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { cursorId } from '../contracts/pagination.js';
import type { Response } from 'express';
import { badRequest } from './request-shape.js';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'the X-Next-Cursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = cursorId(cursor);
  if (!id) throw badRequest([{ field: 'cursor', reason: 'is not a cursor this API gave out' }]);
  return id;
}

/**
 * Lists answer with a JSON array (the v1 contract); the next page is announced in headers:
 * `X-Next-Cursor` and a `Link: <...>; rel="next"`.
 */
export function announceNextPage(
  response: Response,
  path: string,
  query: Record<string, string | number | undefined>,
  nextCursor: string | undefined,
): void {
  if (!nextCursor) return;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && key !== 'cursor') params.set(key, String(value));
  }
  params.set('cursor', nextCursor);
  response.setHeader('X-Next-Cursor', nextCursor);
  response.setHeader('Link', `<${path}?${params.toString()}>; rel="next"`);
}
