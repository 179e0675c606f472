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
  /** Which sign-in of this desk the current user's is (a new number at every sign-in), or null. */
  signInNumber(): number | null
  signIn(user: SignedInUser): void
  signOut(): void
  /** Records activity: keeps the session from locking. */
  touch(): void
}

export function createDeskSession(now: () => number = Date.now, lockAfterMs = LOCK_AFTER_MINUTES * 60_000): DeskSession {
  let user: SignedInUser | null = null
  let locked: string | null = null
  let lastActivity = 0
  let signIns = 0
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
    signInNumber() {
      expireIfIdle()
      return user ? signIns : null
    },
    signIn(next) {
      user = next
      locked = null
      lastActivity = now()
      signIns += 1
    },
    signOut() {
      user = null
      locked = null
    },
    touch() {
      if (user) lastActivity = now()
    },
  }
}
