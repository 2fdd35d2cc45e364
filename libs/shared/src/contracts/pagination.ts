/**
 * Cursors name the last item of the previous page (lists are ordered by createdAt, id); both
 * services write and read them, so the format lives here.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id a cursor names, or undefined when it is not a cursor this API gave out. */
export function cursorId(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return UUID.test(id) ? id : undefined;
}

/** A page size asked for over the wire, kept within what the HTTP API allows (1–200, default 50). */
export function pageLimit(requested: unknown): number {
  return Math.min(Math.max(Math.trunc(Number(requested)) || 50, 1), 200);
}

/**
 * Cuts rows fetched with `limit + 1` into a page: the extra row only says that there is a next
 * page, which starts after the last row kept.
 */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor?: string } {
  const kept = rows.slice(0, limit);
  return { items: kept.map(toItem), nextCursor: rows.length > limit ? encodeCursor(kept[kept.length - 1].id) : undefined };
}
