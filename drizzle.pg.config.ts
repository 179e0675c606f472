import { defineConfig } from 'drizzle-kit'

// `npm run db:generate:pg` writes a new SQL migration into db/migrations-pg after a change to db/pg/schema.ts
// (make the same change to db/schema.ts and run `npm run db:generate`: tests/unit/storeSchemas.test.ts compares both).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/migrations-pg',
})
