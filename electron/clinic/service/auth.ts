import { activeUserCount, allUsers, insertUser, updateUser, userByUsername, type UserRow } from '../../../db/repositories/users'
import { insertAudit } from '../../../db/repositories/audit'
import { clearSignInFailures, forgetSignInFailuresBefore, saveSignInFailures, signInFailuresOf } from '../../../db/repositories/signInFailures'
import { SIGN_IN_THROTTLE, waitSecondsAfter } from '../auth/throttle'
import { isUsernamePassword } from '../rules/obviousPasswords'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { LOCK_AFTER_MINUTES, type DeskSession, type SignedInUser } from '../auth/deskSession'
import type { AuthStatus, ParsedInputOf, UserView } from '../contract'
import { conflict, notFound, ruleBroken } from '../errors'
import { coded } from '../contract/messages'
import type { ServiceContext } from './context'

const signedIn = (row: UserRow): SignedInUser => ({ username: row.username, displayName: row.displayName, role: row.role })
const userView = (row: UserRow): UserView => ({ ...signedIn(row), archived: row.archivedAt !== null, createdAt: row.createdAt })

export async function authStatus(ctx: ServiceContext, session: DeskSession): Promise<AuthStatus> {
  return {
    accountsExist: (await activeUserCount(ctx.store.db)) > 0,
    user: session.current(),
    lockedUser: session.lockedUser(),
    lockAfterMinutes: LOCK_AFTER_MINUTES,
  }
}

/** The first account, made at first start: a clinic lead, signed in at once. */
export async function setUp(ctx: ServiceContext, session: DeskSession, input: ParsedInputOf<'auth', 'setup'>) {
  const passwordHash = await hashPassword(input.password)
  const user = await ctx.store.transaction(async (tx) => {
    if ((await activeUserCount(tx)) > 0) throw ruleBroken(coded('accounts_exist'))
    const row = await insertUser(tx, { username: input.username, displayName: input.displayName, role: 'clinic_lead', passwordHash, createdBy: input.username })
    await insertAudit(tx, { tableName: 'users', recordId: row.id, action: 'create', after: userView(row), actor: input.username })
    return row
  })
  session.signIn(signedIn(user))
  return signedIn(user)
}

export async function signIn(ctx: ServiceContext, session: DeskSession, input: ParsedInputOf<'auth', 'signIn'>) {
  // Throttling first, before any scrypt work: a refused attempt costs nothing and checks nothing.
  const now = ctx.now()
  const blockedUntil = await ctx.store.transaction(async (tx) => {
    await forgetSignInFailuresBefore(tx, new Date(Date.parse(now) - SIGN_IN_THROTTLE.forgetAfterHours * 3_600_000).toISOString())
    const before = await signInFailuresOf(tx, input.username)
    if (before?.blockedUntil && before.blockedUntil > now) return before.blockedUntil
    // Counted as wrong until the password proves right (below), so parallel guesses are counted too.
    const failures = (before?.failures ?? 0) + 1
    const wait = waitSecondsAfter(failures)
    const until = wait > 0 ? new Date(Date.parse(now) + wait * 1000).toISOString() : null
    await saveSignInFailures(tx, { username: input.username, failures, lastAttemptAt: now, blockedUntil: until })
    return null
  })
  if (blockedUntil) {
    const seconds = Math.ceil((Date.parse(blockedUntil) - Date.parse(now)) / 1000)
    throw ruleBroken(coded('sign_in_throttled', { seconds, until: localTime(blockedUntil) }), 'password')
  }
  const row = await userByUsername(ctx.store.db, input.username)
  // Verify against a hash even for an unknown user, so the answer takes as long either way.
  const ok = await verifyPassword(input.password, row?.passwordHash ?? UNKNOWN_USER_HASH)
  // One message for an unknown user and a wrong password: the screen must not reveal which usernames exist.
  if (!row || row.archivedAt !== null || !ok) throw ruleBroken(coded('wrong_credentials'), 'password')
  await ctx.store.transaction((tx) => clearSignInFailures(tx, input.username))
  session.signIn(signedIn(row))
  return signedIn(row)
}

/** The local clock time of an instant, e.g. "10:05:30": when the desk may try again. */
function localTime(iso: string): string {
  const at = new Date(iso)
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
}

const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

export async function listUsers(ctx: ServiceContext): Promise<UserView[]> {
  return (await allUsers(ctx.store.db)).map(userView)
}

export async function createUser(ctx: ServiceContext, input: ParsedInputOf<'users', 'create'>): Promise<UserView> {
  const passwordHash = await hashPassword(input.password)
  return ctx.store.transaction(async (tx) => {
    if (await userByUsername(tx, input.username)) throw conflict(coded('username_taken', { username: input.username }), 'username')
    const row = await insertUser(tx, { username: input.username, displayName: input.displayName, role: input.role, passwordHash, createdBy: ctx.actor })
    await insertAudit(tx, { tableName: 'users', recordId: row.id, action: 'create', after: userView(row), actor: ctx.actor })
    return userView(row)
  })
}

export async function archiveUser(ctx: ServiceContext, input: ParsedInputOf<'users', 'archive'>): Promise<UserView> {
  if (input.username === ctx.actor) throw ruleBroken(coded('cannot_archive_self'), 'username')
  return ctx.store.transaction(async (tx) => {
    const before = await userByUsername(tx, input.username)
    if (!before) throw notFound(coded('user_not_found', { username: input.username }), 'username')
    const after = await updateUser(tx, input.username, { archivedAt: before.archivedAt ?? ctx.now() })
    await insertAudit(tx, { tableName: 'users', recordId: after.id, action: 'archive', before: userView(before), after: userView(after), actor: ctx.actor })
    return userView(after)
  })
}

export async function changePassword(ctx: ServiceContext, input: ParsedInputOf<'users', 'changePassword'>) {
  const row = await userByUsername(ctx.store.db, ctx.actor)
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw ruleBroken(coded('wrong_current_password'), 'currentPassword')
  }
  if (isUsernamePassword(input.newPassword, row.username)) throw ruleBroken(coded('password_too_common'), 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  await ctx.store.transaction(async (tx) => {
    await updateUser(tx, row.username, { passwordHash })
    await insertAudit(tx, { tableName: 'users', recordId: row.id, action: 'update', after: { password: 'changed' }, actor: ctx.actor })
  })
  return { username: row.username }
}
