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
