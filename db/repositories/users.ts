import { asc, eq, isNull } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { users } from '../schema'
import { tablesOf } from '../tables'

export type UserRow = typeof users.$inferSelect

export async function activeUserCount(db: ClinicDb): Promise<number> {
  const { users } = tablesOf(db)
  return (await db.select({ id: users.id }).from(users).where(isNull(users.archivedAt))).length
}

export async function userByUsername(db: ClinicDb, username: string): Promise<UserRow | null> {
  const { users } = tablesOf(db)
  const [row] = await db.select().from(users).where(eq(users.username, username))
  return row ?? null
}

export async function allUsers(db: ClinicDb): Promise<UserRow[]> {
  const { users } = tablesOf(db)
  return db.select().from(users).orderBy(asc(users.displayName))
}

export async function insertUser(tx: ClinicDb, values: typeof users.$inferInsert): Promise<UserRow> {
  const { users } = tablesOf(tx)
  const [row] = await tx.insert(users).values(values).returning()
  return row
}

export async function updateUser(tx: ClinicDb, username: string, changes: Partial<Pick<UserRow, 'passwordHash' | 'archivedAt' | 'role' | 'displayName'>>) {
  const { users } = tablesOf(tx)
  const [row] = await tx.update(users).set(changes).where(eq(users.username, username)).returning()
  return row
}
