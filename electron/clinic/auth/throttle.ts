/**
 * Sign-in throttling: a guesser at the sign-in screen (or at browser mode's
 * API with the token) gets 5 free attempts per user name; after the 5th wrong
 * one, no attempt for that name is checked for 30 seconds, then 1, 2, 4, 8 and
 * at most 15 minutes after each further wrong one. A success clears the count;
 * so does a day without attempts. Counted per name, whether or not an account
 * has it, so the wait tells nothing about which names exist.
 */
export const SIGN_IN_THROTTLE = {
  freeAttempts: 5,
  firstWaitSeconds: 30,
  maxWaitSeconds: 15 * 60,
  /** A name's count is forgotten this long after its last attempt. */
  forgetAfterHours: 24,
} as const

/** How long no attempt is checked after the `failures`-th wrong one in a row (0 while attempts are free). */
export function waitSecondsAfter(failures: number): number {
  const { freeAttempts, firstWaitSeconds, maxWaitSeconds } = SIGN_IN_THROTTLE
  if (failures < freeAttempts) return 0
  return Math.min(maxWaitSeconds, firstWaitSeconds * 2 ** Math.min(failures - freeAttempts, 20))
}
