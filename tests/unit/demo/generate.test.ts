import { describe, expect, it } from 'vitest'
import { generateCohort, type CohortPlan } from '@clinic/demo'
import { ageOn } from '@clinic/rules/calendar'
import { RED_FLAGS } from '@clinic/rules/redFlags'
import { followUpSchedule } from '@clinic/rules/followUps'
import { runabilityOf } from '@clinic/rules/psfs'
import { assessmentAt, byProgram, cohort, demoPrograms, mean } from './cohort'

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const MONDAY = 1
const THURSDAY = 4

describe('generateCohort', () => {
  it('gives the same plan every time for the same seed', () => {
    expect(cohort(84, 1)).toEqual(cohort(84, 1))
  })

  it('gives a different plan for a different seed', () => {
    const [a, b] = [cohort(84, 1), cohort(84, 2)]
    expect(b).not.toEqual(a)
    expect(b.runners.map((r) => r.patient.lastName)).not.toEqual(a.runners.map((r) => r.patient.lastName))
  })

  it('rejects a patient count or seed that is not a whole number in range', () => {
    expect(() => generateCohort({ patients: 0, seed: 1, programs: demoPrograms })).toThrow(/patients/)
    expect(() => generateCohort({ patients: 10, seed: -1, programs: demoPrograms })).toThrow(/seed/)
    expect(() => generateCohort({ patients: 10, seed: 1.5, programs: demoPrograms })).toThrow(/seed/)
    expect(() => generateCohort({ patients: 10, seed: 1, programs: demoPrograms.slice(0, 2) })).toThrow(/P3/)
  })
})

describe('a demo cohort of 84 runners', () => {
  const plan = cohort(84, 1)
  const runners = plan.runners
  const stayed = runners.filter((r) => r.withdrawal === null)
  const droppedOut = runners.filter((r) => r.withdrawal !== null)

  it('numbers the runners DEMO-0001 to DEMO-0084 in the order they enrolled', () => {
    expect(runners.map((r) => r.patient.clinicId)).toEqual(
      Array.from({ length: 84 }, (_, i) => `DEMO-${String(i + 1).padStart(4, '0')}`),
    )
    const starts = runners.map((r) => r.assignment.startDate)
    expect(starts).toEqual([...starts].sort())
  })

  it('gives plausible runners: German and English names, aged 20 to 60, running 2–5 times and 10–50 km a week', () => {
    const languages = new Set(runners.map((r) => r.patient.preferredLanguage))
    expect(languages).toEqual(new Set(['de', 'en']))
    expect(runners.some((r) => /Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Meier|Wagner|Becker/.test(r.patient.lastName))).toBe(true)
    for (const { patient, enrolledOn, runningProfile, eligibility } of runners) {
      expect(patient.firstName.length).toBeGreaterThan(1)
      expect(patient.email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.org$/)
      expect(ageOn(patient.dateOfBirth, enrolledOn)).toBeGreaterThanOrEqual(20)
      expect(ageOn(patient.dateOfBirth, enrolledOn)).toBeLessThanOrEqual(60)
      expect(runningProfile.runsPerWeek).toBeGreaterThanOrEqual(2)
      expect(runningProfile.runsPerWeek).toBeLessThanOrEqual(5)
      expect(runningProfile.weeklyDistanceKm).toBeGreaterThanOrEqual(10)
      expect(runningProfile.weeklyDistanceKm).toBeLessThanOrEqual(50)
      expect(eligibility.every((e) => e.met)).toBe(true)
    }
  })

  it('allocates the three programs in arms of near-equal size', () => {
    const arms = byProgram(plan)
    const sizes = [arms.P1.length, arms.P2.length, arms.P3.length]
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2)
  })

  it('screens every runner; the few referred ones are cleared by a physician before their program starts', () => {
    for (const { screening } of runners) expect(Object.keys(screening.answers).sort()).toEqual([...RED_FLAGS].sort())
    const referred = runners.filter((r) => r.screening.outcome !== 'clear')
    expect(referred.length).toBeLessThanOrEqual(6)
    for (const r of runners.filter((r) => r.screening.outcome === 'clear')) {
      expect(Object.values(r.screening.answers).every((present) => !present)).toBe(true)
    }
    for (const r of referred) {
      expect(Object.values(r.screening.answers).filter(Boolean)).toHaveLength(1)
      expect(r.screening.clearedBy).toBeTruthy()
      expect(r.screening.clearedOn! > r.screening.screenedOn).toBe(true)
      expect(r.screening.clearedOn! < r.assignment.startDate).toBe(true)
    }
  })

  it('starts programs on Mondays from January to June 2025 and keeps every date in the past', () => {
    for (const r of runners) {
      expect(weekday(r.assignment.startDate)).toBe(MONDAY)
      expect(r.assignment.startDate >= '2025-01-06' && r.assignment.startDate <= '2025-06-30').toBe(true)
      expect(r.enrolledOn < r.assignment.startDate).toBe(true)
      for (const a of r.assessments) expect(a.assessedOn < '2026-03-10').toBe(true)
    }
  })

  it('plans 16 supervised sessions, Monday and Thursday of weeks 1 to 8, for every runner who stays', () => {
    for (const r of stayed) {
      expect(r.sessions).toHaveLength(16)
      expect(r.sessions.map((s) => s.week)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8])
      expect(r.sessions.map((s) => weekday(s.sessionDate))).toEqual(Array(8).fill([MONDAY, THURSDAY]).flat())
      expect(r.sessions.every((s) => s.kind === 'supervised')).toBe(true)
    }
  })

  it('records a missed session with its reason and no scores, an attended one with pain before and after', () => {
    const all = runners.flatMap((r) => r.sessions)
    const missed = all.filter((s) => !s.attended)
    expect(missed.length / all.length).toBeGreaterThan(0.02)
    expect(missed.length / all.length).toBeLessThan(0.15)
    for (const s of missed) {
      expect(['ill', 'work', 'travel']).toContain(s.missedReason)
      expect([s.painBefore, s.painAfter, s.exercises.length]).toEqual([null, null, 0])
    }
    for (const s of all.filter((s) => s.attended)) {
      expect(s.painBefore).toBeGreaterThanOrEqual(0)
      expect(s.painAfter).toBeLessThanOrEqual(10)
      expect(s.missedReason).toBeNull()
    }
  })

  it("records the week's prescribed exercises with that week's dosage in every attended session", () => {
    for (const r of runners) {
      const program = demoPrograms.find((p) => p.code === r.assignment.programCode)!
      const prescribed = program.exercises.filter((e) => !e.optional || r.assignment.optionalExercises.includes(e.exercise.code))
      for (const s of r.sessions.filter((s) => s.attended)) {
        const expected = prescribed.map(({ exercise, dosage }) => {
          const week = dosage.find((d) => d.week === s.week)!
          return [exercise.code, week.sets, week.repsMin, week.repsMax, week.holdSeconds, week.durationSeconds]
        })
        const recorded = s.exercises.map((e) => [
          e.exerciseCode,
          e.prescribedSets,
          e.prescribedRepsMin,
          e.prescribedRepsMax,
          e.prescribedHoldSeconds,
          e.prescribedDurationSeconds,
        ])
        expect(recorded).toEqual(expected)
        expect(s.exercises.every((e) => e.doneSets! >= 1 && e.doneSets! <= e.prescribedSets!)).toBe(true)
      }
    }
  })

  it('assesses every runner who stays at baseline, week 4 and week 8; few miss the 3- or 6-month follow-up', () => {
    for (const r of stayed) {
      for (const timePoint of ['baseline', 'week_4', 'week_8']) expect(assessmentAt(r, timePoint), `${r.patient.clinicId} ${timePoint}`).toBeDefined()
    }
    const missedLater = stayed.filter((r) => !assessmentAt(r, 'month_3') || !assessmentAt(r, 'month_6'))
    expect(missedLater.length).toBeGreaterThan(0)
    expect(missedLater.length / stayed.length).toBeLessThan(0.3)
    expect(runners.every((r) => r.assessments.filter((a) => a.timePoint === 'baseline').length === 1)).toBe(true)
  })

  it('has 5 to 20 % drop-outs, with nothing recorded on or after the day they withdrew', () => {
    expect(droppedOut.length / runners.length).toBeGreaterThanOrEqual(0.05)
    expect(droppedOut.length / runners.length).toBeLessThanOrEqual(0.2)
    for (const r of droppedOut) {
      const { withdrawnOn, reason } = r.withdrawal!
      expect(reason.length).toBeGreaterThan(3)
      expect(r.sessions.length).toBeLessThan(16)
      expect(r.sessions.every((s) => s.sessionDate < withdrawnOn)).toBe(true)
      expect(r.assessments.every((a) => a.assessedOn < withdrawnOn)).toBe(true)
    }
  })

  it('schedules the four follow-ups from the start date, each pointing at the assessment of its time point or none', () => {
    for (const r of runners) {
      expect(r.followUps.map(({ timePoint, dueOn }) => ({ timePoint, dueOn }))).toEqual(followUpSchedule(r.assignment.startDate))
      for (const f of r.followUps) {
        expect(f.assessment === null ? undefined : r.assessments[f.assessment]).toBe(assessmentAt(r, f.timePoint))
      }
    }
  })

  it('rates each named PSFS activity at every assessment, runability being the mean of the ratings', () => {
    for (const r of runners) {
      expect(r.activities).toHaveLength(3)
      for (const a of r.assessments) {
        expect(a.ratings).toHaveLength(r.activities.length)
        expect(a.runability).toBe(runabilityOf(a.ratings.map((rating) => ({ rating }))))
        expect(a.runningPain).toBeGreaterThanOrEqual(0)
        expect(a.runningPain).toBeLessThanOrEqual(10)
      }
    }
  })

  it('links the week-4 and week-8 assessments to the session they were taken in when it was attended', () => {
    for (const r of stayed) {
      for (const a of r.assessments.filter((a) => a.session !== null)) {
        expect(r.sessions[a.session!].attended).toBe(true)
        expect(r.sessions[a.session!].sessionDate).toBe(a.assessedOn)
      }
    }
    expect(stayed.filter((r) => assessmentAt(r, 'week_8')!.session !== null).length).toBeGreaterThan(stayed.length * 0.8)
  })
})

describe('extra unscheduled assessments (benchmarks)', () => {
  const plain = cohort(60, 3)
  const extended = cohort(60, 3, 20)

  it('adds them in attended sessions first, then after the program, leaving the rest of the cohort unchanged', () => {
    const scheduled = (plan: typeof plain) =>
      plan.runners.map((r) => ({ ...r, assessments: r.assessments.filter((a) => a.timePoint !== 'unscheduled'), followUps: [] }))
    expect(scheduled(extended)).toEqual(scheduled(plain))
    for (const r of extended.runners.filter((r) => r.withdrawal === null)) {
      const unscheduled = r.assessments.filter((a) => a.timePoint === 'unscheduled')
      expect(unscheduled).toHaveLength(20)
      const inSessions = unscheduled.filter((a) => a.session !== null)
      expect(inSessions.every((a) => r.sessions[a.session!].attended)).toBe(true)
      expect(new Set(r.assessments.filter((a) => a.session !== null).map((a) => a.session)).size).toBe(
        r.assessments.filter((a) => a.session !== null).length,
      )
    }
  })
})

describe('home sessions', () => {
  const plan = cohort(84, 1)
  const runners = plan.runners
  const perWeek = (code: string) => demoPrograms.find((p) => p.code === code)!.homeSessionsPerWeek
  const daysIntoProgram = (startDate: string, date: string) => (Date.parse(date) - Date.parse(startDate)) / 86_400_000

  it('plans them as the home log records them: kind home, no exercises, no missed reason, pain after or notes', () => {
    // The trial article: two supervised sessions a week, training at home on the other days.
    expect(demoPrograms.map((p) => p.homeSessionsPerWeek)).toEqual([7 - 2, 7 - 2, 7 - 2])
    for (const s of runners.flatMap((r) => r.homeSessions)) {
      expect(s.kind).toBe('home')
      expect([s.exercises, s.missedReason, s.painAfter, s.notes]).toEqual([[], null, null, null])
    }
  })

  it('plans homeSessionsPerWeek of them in each program week, in that week, never on a day of a supervised session', () => {
    for (const r of runners) {
      const { startDate, programCode } = r.assignment
      const supervisedDates = new Set(r.sessions.map((s) => s.sessionDate))
      const dates = r.homeSessions.map((s) => s.sessionDate)
      expect(dates).toEqual([...new Set(dates)].sort())
      for (const s of r.homeSessions) {
        expect(s.week).toBe(Math.floor(daysIntoProgram(startDate, s.sessionDate) / 7) + 1)
        expect(s.week).toBeGreaterThanOrEqual(1)
        expect(s.week).toBeLessThanOrEqual(8)
        expect(supervisedDates.has(s.sessionDate)).toBe(false)
        expect([MONDAY, THURSDAY]).not.toContain(weekday(s.sessionDate))
      }
      const counts = Array.from({ length: 8 }, (_, i) => r.homeSessions.filter((s) => s.week === i + 1).length)
      expect(counts.every((n) => n <= perWeek(programCode))).toBe(true)
      if (r.withdrawal === null) expect(counts).toEqual(Array(8).fill(perWeek(programCode)))
    }
  })

  it('has none on or after the day a runner withdrew, and all of the weeks before', () => {
    const droppedOut = runners.filter((r) => r.withdrawal !== null)
    expect(droppedOut.length).toBeGreaterThan(0)
    for (const r of droppedOut) {
      const { withdrawnOn } = r.withdrawal!
      expect(r.homeSessions.every((s) => s.sessionDate < withdrawnOn)).toBe(true)
      const lastWeek = Math.floor(daysIntoProgram(r.assignment.startDate, withdrawnOn) / 7) + 1
      for (let week = 1; week < lastWeek; week++) expect(r.homeSessions.filter((s) => s.week === week)).toHaveLength(perWeek(r.assignment.programCode))
      expect(r.homeSessions.every((s) => s.week <= lastWeek)).toBe(true)
    }
  })

  it('has runners do about 70 % of them, fewer than the supervised sessions they attend, and some runners far more than others', () => {
    const home = runners.flatMap((r) => r.homeSessions)
    const supervised = runners.flatMap((r) => r.sessions)
    const share = (sessions: { attended: boolean }[]) => sessions.filter((s) => s.attended).length / sessions.length
    expect(share(home)).toBeGreaterThan(0.6)
    expect(share(home)).toBeLessThan(0.8)
    expect(share(home)).toBeLessThan(share(supervised) - 0.1)
    const perRunner = runners.filter((r) => r.homeSessions.length >= 12).map((r) => share(r.homeSessions))
    expect(Math.min(...perRunner)).toBeLessThan(0.5)
    expect(Math.max(...perRunner)).toBeGreaterThan(0.9)
  })

  it("notes the runner's running pain before a session done, following their course; none when not done", () => {
    const home = runners.flatMap((r) => r.homeSessions)
    for (const s of home.filter((s) => !s.attended)) expect(s.painBefore).toBeNull()
    for (const s of home.filter((s) => s.attended)) {
      expect(Number.isInteger(s.painBefore)).toBe(true)
      expect(s.painBefore).toBeGreaterThanOrEqual(0)
      expect(s.painBefore).toBeLessThanOrEqual(10)
    }
    // Close to the pain before the supervised sessions of the same week (the same course, day-to-day noise).
    const differences = runners.flatMap((r) =>
      r.homeSessions
        .filter((h) => h.attended)
        .flatMap((h) => {
          const sameWeek = r.sessions.filter((s) => s.attended && s.week === h.week).map((s) => s.painBefore!)
          return sameWeek.length ? [Math.abs(h.painBefore! - mean(sameWeek))] : []
        }),
    )
    expect(mean(differences)).toBeLessThan(1.2)
    // Falling over the program, as running pain does.
    const painInWeek = (week: number) => mean(home.filter((s) => s.attended && s.week === week).map((s) => s.painBefore!))
    expect(painInWeek(1) - painInWeek(8)).toBeGreaterThan(1.5)
  })

  it('gives the same home sessions for the same seed and others for another seed', () => {
    const homeOf = (p: CohortPlan) => p.runners.map((r) => r.homeSessions)
    expect(homeOf(cohort(84, 1))).toEqual(homeOf(plan))
    expect(homeOf(cohort(84, 2))).not.toEqual(homeOf(plan))
  })

  // Home sessions come from their own stream (stream 2 of each runner), so planning them changes nothing else.
  const withoutHome = (p: CohortPlan) => p.runners.map(({ homeSessions: _, ...rest }) => rest)

  it('gives the same cohort whether or not home sessions are planned', () => {
    const noHome = generateCohort({ patients: 84, seed: 1, programs: demoPrograms.map((p) => ({ ...p, homeSessionsPerWeek: 0 })) })
    expect(noHome.runners.every((r) => r.homeSessions.length === 0)).toBe(true)
    expect(withoutHome(noHome)).toEqual(withoutHome(plan))
  })
})
