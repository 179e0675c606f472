import type { Page } from '@playwright/test'
import type { EnrollInput } from '../../electron/clinic/contract'
import { addDaysTo, todayLocal } from '../../electron/clinic/rules/calendar'
import { RED_FLAGS, type RedFlag } from '../../electron/clinic/rules/redFlags'
import { expect, type BrowserModeClinic } from './fixtures'
import type { ProgramCode } from '../../electron/clinic/domain/vocabulary'

/** A local date n days before today, YYYY-MM-DD. */
export const daysAgo = (n: number) => addDaysTo(todayLocal(), -n)

/** Input of patients.enroll for a runner with a clear screen; override what the test is about. */
export function enrollInput(
  overrides: {
    firstName?: string
    lastName?: string
    clinicId?: string
    program?: ProgramCode | null
    flags?: RedFlag[]
    /** Enrollment, baseline and program start on this day (default today). */
    enrolledOn?: string
  } = {},
): EnrollInput {
  const today = overrides.enrolledOn ?? todayLocal()
  return {
    enrolledOn: today,
    patient: {
      clinicId: overrides.clinicId ?? null,
      firstName: overrides.firstName ?? 'Anna',
      lastName: overrides.lastName ?? 'Meier',
      dateOfBirth: '1985-03-14',
      sex: 'female',
      preferredLanguage: 'en',
    },
    runningProfile: { runsPerWeek: 3, weeklyDistanceKm: 25, yearsRunning: 6 },
    eligibility: [
      { criterion: 'recreational_runner', met: true },
      { criterion: 'low_back_pain_over_3_months', met: true },
      { criterion: 'runs_2_to_5_per_week', met: true },
    ],
    screening: {
      screenedOn: today,
      answers: Object.fromEntries(RED_FLAGS.map((flag) => [flag, overrides.flags?.includes(flag) ?? false])) as Record<
        RedFlag,
        boolean
      >,
    },
    baseline: {
      assessedOn: today,
      runningPain: 6,
      activities: [
        { description: 'Run 10 km', rating: 4 },
        { description: 'Run downhill', rating: 3 },
        { description: 'Run after a day of sitting', rating: 5 },
      ],
    },
    program: overrides.program === null ? null : { programCode: overrides.program ?? 'P1', startDate: today },
    consent: { treatment: { consentedOn: today, takenBy: 'Test Therapist' }, comparison: { given: true, answeredOn: today } },
  }
}

/** Enrolls through the API (for tests about later screens); returns the new patient's id. */
export async function enrollByApi(clinic: BrowserModeClinic, overrides: Parameters<typeof enrollInput>[0] = {}) {
  const result = await clinic.call<{ patientId: number; enrollmentId: number }>('patients/enroll', enrollInput(overrides))
  if (!result.ok) throw new Error(`enrollment failed: ${result.error.message}`)
  return result.value
}

export interface RunnerOnScreen {
  firstName: string
  lastName: string
  clinicId?: string
  enrolledOn?: string
  runsPerWeek?: number
  runningPain?: number
  activities?: [string, number][]
}

/** Steps 1–3 of the enrollment as a therapist fills them, ending on the red-flag screen. */
export async function fillDetailsToRedFlags(page: Page, runner: RunnerOnScreen) {
  await page.getByRole('link', { name: 'Enroll new patient' }).first().click()
  await fillDetailsFromFirstStep(page, runner)
}

/** The same from the enrollment's first step (already open): personal details, running profile, eligibility. */
export async function fillDetailsFromFirstStep(page: Page, runner: RunnerOnScreen) {
  await expect(page.getByRole('heading', { level: 2, name: 'Details', exact: true })).toBeVisible()
  await page.getByLabel('Date of enrollment').fill(runner.enrolledOn ?? todayLocal())
  if (runner.clinicId) await page.getByLabel('Clinic ID').fill(runner.clinicId)
  await page.getByLabel('First name').fill(runner.firstName)
  await page.getByLabel('Last name').fill(runner.lastName)
  await page.getByLabel('Date of birth').fill('1988-04-12')
  await page.getByLabel('Female').check()
  await next(page, 'Running profile')

  await page.getByLabel('Runs per week').fill(String(runner.runsPerWeek ?? 3))
  await page.getByLabel('Weekly distance (km)').fill('25')
  await page.getByLabel('Years running').fill('6')
  await next(page, 'Eligibility')
  await answerEligibility(page)
  await next(page, 'Red-flag screen')
}

/** The inclusion criteria as the trial wants them: each one answered Yes. */
export async function answerEligibility(page: Page) {
  for (const criterion of ['Recreational runner', 'Low back pain for more than 3 months', 'Runs 2–5 times a week']) {
    await page.getByRole('group', { name: criterion }).getByLabel('Yes').check()
  }
}

/** Answers every red-flag question: "no" with each group's quick button, then "yes" for the given flags. */
export async function answerRedFlags(page: Page, flags: string[] = []) {
  for (const button of await page.getByRole('button', { name: /^None of these/ }).all()) await button.click()
  for (const flag of flags) await page.getByRole('group', { name: flag }).getByLabel('Yes').check()
}

/** The baseline step: running pain and three named running activities with their ratings. */
export async function fillBaseline(page: Page, runner: RunnerOnScreen) {
  await page.getByLabel('Date of assessment').fill(runner.enrolledOn ?? todayLocal())
  await page.getByLabel('Running pain (0–10)').fill(String(runner.runningPain ?? 6))
  const activities = runner.activities ?? [
    ['Run 10 km', 4],
    ['Run downhill', 3],
    ['Run after a day of sitting', 5],
  ]
  for (const [i, [description, rating]] of activities.entries()) {
    await page.getByLabel(`Activity ${i + 1}`, { exact: true }).fill(description)
    await page.getByLabel(`Rating of activity ${i + 1} (0–10)`).fill(String(rating))
  }
}

/** Steps 1–5 with a clear red-flag screen, ending on the program step with consent to treatment and to the comparison given. */
export async function fillEnrollmentUpToProgram(page: Page, runner: RunnerOnScreen) {
  await fillDetailsToRedFlags(page, runner)
  await answerRedFlags(page)
  await next(page, 'Baseline')
  await fillBaseline(page, runner)
  await next(page, 'Program')
  await giveConsent(page)
}

/** The program step's consent: to treatment (needed for a program) and to the program comparison. */
export async function giveConsent(page: Page) {
  await page.getByLabel('The runner gave consent to treatment').check()
  await page.getByRole('group', { name: 'Does the runner consent to take part in the program comparison?' }).getByLabel('Yes').check()
}

/** Presses Next and waits for the step's heading. */
export async function next(page: Page, step: string) {
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { level: 2, name: step, exact: true })).toBeVisible()
}
