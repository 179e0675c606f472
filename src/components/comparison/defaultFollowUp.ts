import type { GroupComparison } from '@clinic/stats/types'
import { CORE_MEASURES, FOLLOW_UP_TIME_POINTS, PROGRAM_CODES, type FollowUpTimePoint } from '@clinic/domain/vocabulary'

/** Shown when no follow-up has data in every group yet: the end of the program. */
export const FALLBACK_FOLLOW_UP: FollowUpTimePoint = 'week_8'

/**
 * The follow-up the comparison opens at: the latest one with a change from
 * baseline in every program group for running pain and runability — six months (the trial
 * article's headline result) once every group has reached it. The optional sit-to-stand
 * test (taken to week 8 only) does not hold it back.
 */
export function defaultFollowUp(comparison: Pick<GroupComparison, 'measures'>): FollowUpTimePoint {
  const complete = FOLLOW_UP_TIME_POINTS.filter((timePoint) =>
    CORE_MEASURES.every((measure) => PROGRAM_CODES.every((code) => comparison.measures[measure].followUps[timePoint].change[code].n > 0)),
  )
  return complete.at(-1) ?? FALLBACK_FOLLOW_UP
}
