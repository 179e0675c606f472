import type { UserRole } from '../domain/vocabulary'

/**
 * Who is signed in at this desk. One desk, one session: the Electron window or
 * the browser-mode tab (which already holds the per-launch token) acts as the
 * signed-in therapist until they sign out or the session locks after inactivity.
 */

export interface SignedInUser {
  username: string
  displayName: string
  role: UserRole
}

/** The desk locks after this long without a request (an unattended desk shows no records). */
export const LOCK_AFTER_MINUTES = 15

export interface DeskSession {
  /** The signed-in user, or null when nobody is signed in or the session has locked. */
  current(): SignedInUser | null
  /** The user of a locked session, to offer their name at the sign-in screen. */
  lockedUser(): string | null
  /** When the signed-in user signed in (ms, this desk's clock), or null. */
  signedInAt(): number | null
  signIn(user: SignedInUser): void
  signOut(): void
  /** Records activity: keeps the session from locking. */
  touch(): void
}

export function createDeskSession(now: () => number = Date.now, lockAfterMs = LOCK_AFTER_MINUTES * 60_000): DeskSession {
  let user: SignedInUser | null = null
  let locked: string | null = null
  let lastActivity = 0
  let since: number | null = null
  const expireIfIdle = () => {
    if (user && now() - lastActivity > lockAfterMs) {
      locked = user.username
      user = null
    }
  }
  return {
    current() {
      expireIfIdle()
      return user
    },
    lockedUser() {
      expireIfIdle()
      return locked
    },
    signedInAt() {
      expireIfIdle()
      return user ? since : null
    },
    signIn(next) {
      user = next
      locked = null
      lastActivity = now()
      since = lastActivity
    },
    signOut() {
      user = null
      locked = null
      since = null
    },
    touch() {
      if (user) lastActivity = now()
    },
  }
}
