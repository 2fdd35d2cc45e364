import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and committed; both
// PostgreSQL and embedded PGlite apply the same SQL at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/shared/src/database/schema.ts',
  out: './libs/shared/src/database/migrations',
});
