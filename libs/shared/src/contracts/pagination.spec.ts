import { cursorId, encodeCursor, pageLimit, toPage } from './pagination.js';

const ids = ['0b8f1c2e-0000-4000-8000-000000000001', '0b8f1c2e-0000-4000-8000-000000000002', '0b8f1c2e-0000-4000-8000-000000000003'];
const rows = ids.map((id, n) => ({ id, n }));

describe('toPage', () => {
  it('keeps `limit` rows and points the next page after the last one kept', () => {
    const page = toPage(rows, 2, (row) => row.n);
    expect(page.items).toEqual([0, 1]);
    expect(cursorId(page.nextCursor!)).toBe(ids[1]);
  });

  it('has no next page when the extra row did not come back', () => {
    expect(toPage(rows, 3, (row) => row.n)).toEqual({ items: [0, 1, 2], nextCursor: undefined });
    expect(toPage([], 3, (row: { id: string }) => row.id)).toEqual({ items: [], nextCursor: undefined });
  });
});

describe('pageLimit', () => {
  it.each([
    [undefined, 50],
    [0, 50],
    [10, 10],
    [10.7, 10],
    [-5, 1],
    [5000, 200],
    ['20', 20],
  ])('reads %p as %p', (requested, expected) => {
    expect(pageLimit(requested)).toBe(expected);
  });
});

describe('cursors', () => {
  it('round-trip an id and refuse anything else', () => {
    expect(cursorId(encodeCursor(ids[0]))).toBe(ids[0]);
    expect(cursorId('bogus')).toBeUndefined();
  });
});
