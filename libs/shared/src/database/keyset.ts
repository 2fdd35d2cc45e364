import { type Placeholder, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * Where a page continues in a list ordered by (createdAt, id): the rows after (`asc`) or before
 * (`desc`) the row the cursor names. The cursor row is looked up by id in the same table, so the
 * client only ever holds an opaque id. The id may be a placeholder of a prepared statement.
 */
export function continuesFrom(
  table: PgTable & { createdAt: PgColumn; id: PgColumn },
  cursorId: string | Placeholder,
  order: 'asc' | 'desc',
): SQL {
  const cursorRow = sql`(select created_at, id from ${table} where id = ${cursorId})`;
  return order === 'asc' ? sql`(${table.createdAt}, ${table.id}) > ${cursorRow}` : sql`(${table.createdAt}, ${table.id}) < ${cursorRow}`;
}
