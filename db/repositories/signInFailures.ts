import { eq, lt } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import type { signInFailures } from '../schema'
import { tablesOf } from '../tables'

export type SignInFailureRow = typeof signInFailures.$inferSelect

export async function signInFailuresOf(db: ClinicDb, username: string): Promise<SignInFailureRow | null> {
  const { signInFailures } = tablesOf(db)
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.username, username))
  return row ?? null
}

export async function saveSignInFailures(tx: ClinicDb, row: SignInFailureRow): Promise<void> {
  const { signInFailures } = tablesOf(tx)
  const { username, ...rest } = row
  await tx.insert(signInFailures).values(row).onConflictDoUpdate({ target: signInFailures.username, set: rest })
}

export async function clearSignInFailures(tx: ClinicDb, username: string): Promise<void> {
  const { signInFailures } = tablesOf(tx)
  await tx.delete(signInFailures).where(eq(signInFailures.username, username))
}

/** Forgets the names whose last attempt is older than `before` (ISO-8601 UTC); their wait, 15 minutes at most, is long over. */
export async function forgetSignInFailuresBefore(tx: ClinicDb, before: string): Promise<void> {
  const { signInFailures } = tablesOf(tx)
  await tx.delete(signInFailures).where(lt(signInFailures.lastAttemptAt, before))
}
