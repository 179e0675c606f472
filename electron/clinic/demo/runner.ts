import type { AssessmentPlan, RunnerPlan, SessionPlan } from '../../../db/repositories/cohortWriter'
import { addMonthsTo, type LocalDate } from '../rules/calendar'
import { ELIGIBILITY_CRITERIA } from '../rules/eligibility'
import { followUpSchedule, type ScheduledFollowUp } from '../rules/followUps'
import { PROGRAM_WEEKS } from '../rules/programWeek'
import { RED_FLAGS, type RedFlag } from '../rules/redFlags'
import { changeReached, outcomeCourse, painOn, RATES, runabilityOn, SIT_TO_STAND, type OutcomeCourse } from './model'
import { demoEmail, FIRST_NAMES, LAST_NAMES } from './names'
import { optionalExerciseCodes, performedExercises, type DemoProgram } from './programs'
import { daysFrom, plusDays } from './days'
import { clampRound, type Random } from './random'
import { measureTakenAt, SEXES, SIT_TO_STAND_MAX, type FollowUpTimePoint } from '../domain/vocabulary'

/** Running activities runners name for the PSFS, in the language of their sheets. */
export const PSFS_ACTIVITIES = {
  en: ['Run 10 km', 'Run downhill', 'Run on consecutive days', 'Run intervals', 'Run on trails', 'Run uphill', 'Run for over an hour'],
  de: ['10 km laufen', 'Bergab laufen', 'An aufeinanderfolgenden Tagen laufen', 'Intervalle laufen', 'Auf Trails laufen', 'Bergauf laufen', 'Über eine Stunde laufen'],
} as const
const ACTIVITIES_NAMED = 3

/** Flags a physician may clear for exercise after examining the runner. */
const CLEARABLE_FLAGS: RedFlag[] = ['radiating_leg_pain_with_numbness', 'severe_night_pain_or_worse_lying_down', 'minor_trauma_older_or_osteoporotic']
const PHYSICIANS = ['Dr. med. Katrin Albers', 'Dr. Priya Raman', 'Dr. med. Jonas Feld']
const MISSED_REASONS = ['ill', 'ill', 'work', 'work', 'travel'] as const
type WithdrawalCategory = NonNullable<RunnerPlan['withdrawal']>['category']
type AdverseEventPlan = Omit<RunnerPlan['adverseEvents'][number], 'occurredOn'>
/** Why demo runners leave; two of them after an adverse event the day before. */
const WITHDRAWAL_REASONS: { reason: string; category: WithdrawalCategory; event?: AdverseEventPlan }[] = [
  { reason: 'Moved to another city', category: 'lost_to_contact' },
  { reason: 'No time for the sessions (work)', category: 'patient_choice' },
  {
    reason: 'Back pain got worse; referred to a physician',
    category: 'adverse_event',
    event: {
      description: 'Back pain flared up to 8/10 with pain into the left buttock after the session',
      severity: 'serious',
      related: 'unclear',
      actionTaken: 'Program stopped; advised a doctor\'s visit the same week',
    },
  },
  {
    reason: 'Ankle sprain, unrelated to the back',
    category: 'other',
    event: { description: 'Sprained the right ankle on a trail run', severity: 'moderate', related: 'no', actionTaken: 'Rest and ice; program paused' },
  },
  { reason: 'Prefers to train with a running club', category: 'patient_choice' },
]
/** The demo's therapist who takes the consent at enrollment. */
const CONSENT_TAKEN_BY = 'Demo therapist'
/** A supervised session after which back pain rose this much (to at least 7) is recorded as a mild adverse event. */
const FLARE_RISE = 2

/** Supervised sessions on Monday and Thursday of each program week (the start date is a Monday). */
const SESSION_DAYS = [0, 3] as const
/** Days of a program week (0 = its first day) free for home sessions: those without a supervised one. */
const HOME_DAYS = [0, 1, 2, 3, 4, 5, 6].filter((day) => !(SESSION_DAYS as readonly number[]).includes(day))
/** Sessions (by position) that host the week-4 assessment (Thursday of week 4, else Monday of week 5) and the week-8 one. */
const WEEK_4_SESSIONS = [7, 8]
const WEEK_8_SESSIONS = [15]

export interface RunnerContext {
  clinicId: string
  program: DemoProgram
  /** A Monday. */
  startDate: LocalDate
  /** Extra 'unscheduled' assessments (benchmarks); drawn from their own stream so the rest of the runner does not change. */
  unscheduledAssessments: number
  unscheduledRng: Random
  /** Home sessions are drawn from their own stream too, so the supervised sessions and the rest stay as they were. */
  homeRng: Random
  /** The sit-to-stand test as well (added later: the rest of the runner stays as it was). */
  legRng: Random
}

/** One simulated runner: details, enrollment, 16 supervised sessions, home sessions, assessments and follow-ups. */
export function planRunner(rng: Random, ctx: RunnerContext): RunnerPlan {
  const { startDate } = ctx
  const group = rng.chance(0.6) ? 'de' : 'en'
  const sex = rng.chance(0.01) ? 'diverse' : rng.chance(0.46) ? 'female' : 'male'
  const firstName = rng.pick(FIRST_NAMES[group][sex === 'diverse' ? rng.pick(SEXES.filter((s) => s !== 'diverse')) : sex])
  const lastName = rng.pick(LAST_NAMES[group])
  const preferredLanguage = rng.chance(group === 'de' ? 0.9 : 0.95) ? group : group === 'de' ? 'en' : 'de'

  const referred = rng.chance(RATES.referredThenCleared)
  const enrolledOn = plusDays(startDate, referred ? -rng.int(12, 18) : -rng.int(1, 7))
  const age = clampRound(rng.normal(38, 9), 20, 60)
  // Turned `age` on some day in the year up to the enrollment.
  const dateOfBirth = plusDays(addMonthsTo(enrolledOn, -12 * age), -rng.int(0, 364))
  const runsPerWeek = rng.int(2, 5)

  const activities = rng.shuffle(PSFS_ACTIVITIES[preferredLanguage]).slice(0, ACTIVITIES_NAMED)
  const course = outcomeCourse(rng, ctx.program.code, activities.length)
  const optional = optionalExerciseCodes(ctx.program).filter(() => rng.chance(0.3))
  const strength = Math.max(0.5, rng.normal(1, 0.2))

  const sessionDates = Array.from({ length: PROGRAM_WEEKS * SESSION_DAYS.length }, (_, i) =>
    plusDays(startDate, 7 * Math.floor(i / SESSION_DAYS.length) + SESSION_DAYS[i % SESSION_DAYS.length]),
  )
  // A drop-out leaves after 3 to 13 planned sessions, calling the day before the next one.
  const withdrawnOn = rng.chance(RATES.dropOut) ? plusDays(sessionDates[rng.int(3, 13)], -1) : null
  const before = (day: LocalDate) => withdrawnOn === null || day < withdrawnOn

  const sessions: SessionPlan[] = sessionDates.filter(before).map((sessionDate, i) => {
    const week = Math.floor(i / SESSION_DAYS.length) + 1
    if (rng.chance(RATES.missedSession)) {
      return { kind: 'supervised', sessionDate, week, attended: false, missedReason: rng.pick(MISSED_REASONS), painBefore: null, painAfter: null, notes: null, exercises: [] }
    }
    const painBefore = painOn(rng, course, daysFrom(startDate, sessionDate))
    return {
      kind: 'supervised',
      sessionDate,
      week,
      attended: true,
      missedReason: null,
      painBefore,
      painAfter: clampRound(painBefore + rng.pick([-2, -1, -1, 0, 0, 0, 1]), 0, 10),
      notes: null,
      exercises: performedExercises(rng, ctx.program, week, optional, strength),
    }
  })

  const homeSessions = plannedHomeSessions(ctx, course, before)

  const profile = { runsPerWeek, weeklyDistanceKm: clampRound(runsPerWeek * rng.normal(7.5, 2), 10, 50), yearsRunning: rng.int(1, Math.min(25, age - 16)) }
  const schedule = followUpSchedule(startDate)
  const assessments = withSitToStand(
    ctx,
    scheduledAssessments(rng, course, { startDate, enrolledOn, sessions, profile, schedule, completed: withdrawnOn === null }),
  ).concat(unscheduledAssessments(ctx, course, sessions, schedule))
    .filter((a) => before(a.assessedOn))
    .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn))

  const screenedOn = enrolledOn
  const flag = referred ? rng.pick(CLEARABLE_FLAGS) : null
  // Drawn in the order they always were (flag, e-mail, withdrawal reason), so a seed's runners stay the same.
  const email = demoEmail(firstName, lastName, rng.int(1, 99))
  const leaving = withdrawnOn ? rng.pick(WITHDRAWAL_REASONS) : null
  const withdrawal = withdrawnOn && leaving ? { withdrawnOn, category: leaving.category, reason: leaving.reason } : null
  return {
    patient: {
      clinicId: ctx.clinicId,
      firstName,
      lastName,
      dateOfBirth,
      sex,
      phone: null,
      email,
      preferredLanguage,
    },
    enrolledOn,
    withdrawal,
    consent: { treatmentConsentOn: enrolledOn, treatmentConsentBy: CONSENT_TAKEN_BY, comparisonConsentOn: enrolledOn },
    adverseEvents: [
      ...sessions.flatMap((s) =>
        s.attended && s.painBefore !== null && s.painAfter !== null && s.painAfter >= 7 && s.painAfter - s.painBefore >= FLARE_RISE
          ? [{ occurredOn: s.sessionDate, description: 'Back pain rose during the session', severity: 'mild' as const, related: 'yes' as const, actionTaken: 'Load reduced for the next session' }]
          : [],
      ),
      ...(withdrawal && leaving?.event ? [{ occurredOn: plusDays(withdrawal.withdrawnOn, -1), ...leaving.event }] : []),
    ],
    runningProfile: profile,
    eligibility: ELIGIBILITY_CRITERIA.map((criterion) => ({ criterion, met: true, overrideReason: null })),
    screening: {
      screenedOn,
      outcome: flag ? 'refer' : 'clear',
      answers: Object.fromEntries(RED_FLAGS.map((f) => [f, f === flag])),
      clearedOn: flag ? plusDays(screenedOn, rng.int(5, 9)) : null,
      clearedBy: flag ? rng.pick(PHYSICIANS) : null,
      clearanceNote: flag ? 'Examined: no serious pathology. The exercise program may start.' : null,
    },
    activities,
    assignment: { programCode: ctx.program.code, startDate, optionalExercises: optional },
    sessions,
    homeSessions,
    assessments,
    followUps: schedule.map((f) => {
      const index = assessments.findIndex((a) => a.timePoint === f.timePoint)
      return { ...f, assessment: index === -1 ? null : index }
    }),
  }
}

/**
 * The runner's home log, as the app records a returned sheet (homeLog.ts): for
 * each program week up to the withdrawal, `homeSessionsPerWeek` home sessions on
 * days of that week without a supervised session, each done (attended, with the
 * running pain noted before it) with the runner's own probability, else not
 * done (no pain). Home sessions record no exercises.
 */
function plannedHomeSessions(ctx: RunnerContext, course: OutcomeCourse, before: (day: LocalDate) => boolean): SessionPlan[] {
  const rng = ctx.homeRng
  const { mean, sd, min, max } = RATES.homeSessionDone
  const done = Math.min(max, Math.max(min, rng.normal(mean, sd)))
  const perWeek = Math.min(ctx.program.homeSessionsPerWeek, HOME_DAYS.length)
  const sessions: SessionPlan[] = []
  for (let week = 1; week <= PROGRAM_WEEKS && perWeek > 0; week++) {
    const days = rng
      .shuffle(HOME_DAYS)
      .slice(0, perWeek)
      .sort((a, b) => a - b)
      .map((day) => plusDays(ctx.startDate, 7 * (week - 1) + day))
      .filter(before)
    if (days.length === 0) break
    for (const sessionDate of days) {
      const attended = rng.chance(done)
      const painBefore = attended ? painOn(rng, course, daysFrom(ctx.startDate, sessionDate)) : null
      sessions.push({ kind: 'home', sessionDate, week, attended, missedReason: null, painBefore, painAfter: null, notes: null, exercises: [] })
    }
  }
  return sessions
}

function assessment(
  rng: Random,
  course: OutcomeCourse,
  startDate: LocalDate,
  timePoint: AssessmentPlan['timePoint'],
  assessedOn: LocalDate,
  session: number | null,
): AssessmentPlan {
  const day = timePoint === 'baseline' ? 'baseline' : daysFrom(startDate, assessedOn)
  const { ratings, runability } = runabilityOn(rng, course, day)
  return { timePoint, assessedOn, runningPain: painOn(rng, course, day), runability, sitToStandReps: null, runsPerWeek: null, weeklyDistanceKm: null, ratings, session }
}

/** The sit-to-stand test at baseline, week 4 and week 8, taken in most runners (it is optional), from its own stream. */
function withSitToStand(ctx: RunnerContext, assessments: AssessmentPlan[]): AssessmentPlan[] {
  const rng = ctx.legRng
  if (!rng.chance(SIT_TO_STAND.tested)) return assessments
  const baseline = rng.normal(SIT_TO_STAND.baseline.mean, SIT_TO_STAND.baseline.sd)
  const gain = rng.normal(SIT_TO_STAND.gainByWeek8[ctx.program.code], SIT_TO_STAND.gainSd)
  return assessments.map((a) => {
    if (!measureTakenAt('sitToStandReps', a.timePoint)) return a
    const reached = a.timePoint === 'baseline' ? 0 : changeReached(daysFrom(ctx.startDate, a.assessedOn))
    const reps = Math.round(Math.min(SIT_TO_STAND_MAX, Math.max(0, baseline + gain * reached + rng.normal(0, SIT_TO_STAND.noiseSd))))
    return { ...a, sitToStandReps: reps }
  })
}

/**
 * Baseline at enrollment; week 4 and week 8 in the session nearest their due
 * date (Thursday of week 4, else Monday of week 5; Thursday of week 8), or on a
 * separate visit when that session was missed; 3 and 6 months within their window.
 */
function scheduledAssessments(
  rng: Random,
  course: OutcomeCourse,
  runner: {
    startDate: LocalDate
    enrolledOn: LocalDate
    sessions: SessionPlan[]
    profile: { runsPerWeek: number; weeklyDistanceKm: number }
    schedule: ScheduledFollowUp[]
    completed: boolean
  },
): AssessmentPlan[] {
  const { startDate, sessions } = runner
    const inSessionOr = (timePoint: FollowUpTimePoint, indexes: readonly number[], fallbackDay: number) => {
    const i = indexes.find((j) => sessions[j]?.attended)
    return i === undefined
      ? assessment(rng, course, startDate, timePoint, plusDays(startDate, fallbackDay), null)
      : assessment(rng, course, startDate, timePoint, sessions[i].sessionDate, i)
  }
  const [, , month3, month6] = runner.schedule
  const within = (dueOn: LocalDate) => plusDays(dueOn, rng.int(-3, 7))
  const baseline = assessment(rng, course, startDate, 'baseline', runner.enrolledOn, null)
  const list = [
    { ...baseline, runsPerWeek: runner.profile.runsPerWeek, weeklyDistanceKm: runner.profile.weeklyDistanceKm },
    inSessionOr('week_4', WEEK_4_SESSIONS, 28),
    inSessionOr('week_8', WEEK_8_SESSIONS, 57),
  ]
  // Only runners who completed the program can miss a follow-up; a drop-out's end is the withdrawal.
  const missed3 = runner.completed && rng.chance(RATES.missedMonth3)
  const missed6 = runner.completed && rng.chance(RATES.missedMonth6)
  if (!missed3) list.push(assessment(rng, course, startDate, 'month_3', within(month3.dueOn), null))
  if (!missed6) list.push(assessment(rng, course, startDate, 'month_6', within(month6.dueOn), null))
  return list
}

/**
 * Extra unscheduled assessments: one in each attended session that has none
 * yet, then check-ins spread evenly between the end of the program and the
 * 6-month follow-up.
 */
function unscheduledAssessments(
  ctx: RunnerContext,
  course: OutcomeCourse,
  sessions: SessionPlan[],
  schedule: ScheduledFollowUp[],
): AssessmentPlan[] {
  if (ctx.unscheduledAssessments <= 0) return []
  const rng = ctx.unscheduledRng
  const hosting = new Set([WEEK_4_SESSIONS.find((i) => sessions[i]?.attended), WEEK_8_SESSIONS.find((i) => sessions[i]?.attended)])
  const inSessions = sessions
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => s.attended && !hosting.has(i))
    .slice(0, ctx.unscheduledAssessments)
    .map(({ s, i }) => assessment(rng, course, ctx.startDate, 'unscheduled', s.sessionDate, i))
  const checkIns = ctx.unscheduledAssessments - inSessions.length
  const [, { dueOn: end }, , { dueOn: month6 }] = schedule // the program ends on the week-8 due date
  const span = daysFrom(end, month6)
  const later = Array.from({ length: checkIns }, (_, j) =>
    assessment(rng, course, ctx.startDate, 'unscheduled', plusDays(end, Math.round(((j + 1) * span) / (checkIns + 1))), null),
  )
  return [...inSessions, ...later]
}
