import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` (from server/) writes SQL migrations; they are applied in code on start
// (pglite and node-postgres migrators) and by `danvan migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './db/migrations',
});
