import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Database } from './database.js';

const dialect = new PgDialect();

/**
 * A statement written in SQL (with `sql.placeholder`s), prepared once under `name`: on PostgreSQL
 * each connection parses and plans it once, then only binds values. For hot paths whose shape the
 * query builder cannot say (writes into several tables from arrays of values). Rows come back as the
 * driver reads them (column names as written in the SQL, timestamps not parsed).
 */
export function preparedStatement<Row>(db: Database, name: string, query: SQL): (values: Record<string, unknown>) => Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return async (values) => ((await prepared.execute(values)) as { rows: Row[] }).rows;
}
