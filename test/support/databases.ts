import { openDatabase, type DatabaseHandle } from '@app/shared';
import { createPostgresDatabase } from './services.js';

export interface TestDatabase {
  name: string;
  open(): Promise<DatabaseHandle>;
}

/**
 * The databases persistence tests run against: embedded PGlite always, and real PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh database per open, dropped on close).
 */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'PGlite', open: () => openDatabase({ dataDir: 'memory://' }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    databases.push({
      name: 'PostgreSQL',
      async open() {
        const created = await createPostgresDatabase(url);
        const handle = await openDatabase({ url: created.url, dataDir: 'unused' });
        return {
          ...handle,
          async close() {
            await handle.close();
            await created.drop();
          },
        };
      },
    });
  }
  return databases;
}
