import { AGE_BANDS, type AgeBand, type ComparisonFilter } from '../contract/inputs'
import { FOLLOW_UP_TIME_POINTS, SEXES, type FollowUpTimePoint } from '../domain/vocabulary'

/*
 * The group report's address carries the comparison's filter and follow-up
 * (#/comparison/report?from=2025-01-01&sex=female&demo=1&followUp=week_8), so the
 * printed report shows what the comparison showed and a reload shows it again.
 * The comparison view and the command line both build it here. The clinic
 * validates the values; unknown ones are dropped when read back.
 */

/** The filter as the API takes it (before defaults). */
export type ReportFilter = Pick<ComparisonFilter, 'enrolledFrom' | 'enrolledTo' | 'sex' | 'ageBand' | 'runsPerWeekMin' | 'runsPerWeekMax' | 'includeDemo' | 'siteId'>

type Query = Record<string, string | null | undefined | (string | null)[]>

const single = (value: Query[string]) => (Array.isArray(value) ? value[0] : value) ?? null
const numberOf = (value: string | null) => (value === null || value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value))

const siteIdOf = (value: string | null) => (value !== null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null)

export function groupReportQuery(filter: ReportFilter, followUp: FollowUpTimePoint): Record<string, string> {
  const query: Record<string, string> = {}
  if (filter.enrolledFrom) query.from = filter.enrolledFrom
  if (filter.enrolledTo) query.to = filter.enrolledTo
  if (filter.sex) query.sex = filter.sex
  if (filter.ageBand) query.age = filter.ageBand
  if (filter.runsPerWeekMin !== null) query.runsMin = String(filter.runsPerWeekMin)
  if (filter.runsPerWeekMax !== null) query.runsMax = String(filter.runsPerWeekMax)
  if (filter.siteId !== null) query.site = String(filter.siteId)
  if (filter.includeDemo) query.demo = '1'
  query.followUp = followUp
  return query
}

export function groupReportChoice(query: Query): { filter: ReportFilter; followUp: FollowUpTimePoint } {
  const sex = single(query.sex)
  const age = single(query.age)
  const followUp = single(query.followUp)
  return {
    filter: {
      enrolledFrom: single(query.from),
      enrolledTo: single(query.to),
      sex: (SEXES as readonly string[]).includes(sex ?? '') ? (sex as ReportFilter['sex']) : null,
      ageBand: age !== null && age in AGE_BANDS ? (age as AgeBand) : null,
      runsPerWeekMin: numberOf(single(query.runsMin)),
      runsPerWeekMax: numberOf(single(query.runsMax)),
      includeDemo: single(query.demo) === '1',
      siteId: siteIdOf(single(query.site)),
    },
    followUp: (FOLLOW_UP_TIME_POINTS as readonly string[]).includes(followUp ?? '') ? (followUp as FollowUpTimePoint) : 'week_8',
  }
}
