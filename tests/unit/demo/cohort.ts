import { readCatalogue } from '../../../db/seed'
import { generateCohort, programsFromCatalogue, type CohortPlan, type RunnerPlan } from '@clinic/demo'

/** The catalogue's programs, as the generator sees them (the database's first versions are the same). */
export const demoPrograms = programsFromCatalogue(readCatalogue())

export const cohort = (patients: number, seed: number, unscheduledAssessments = 0): CohortPlan =>
  generateCohort({ patients, seed, programs: demoPrograms, unscheduledAssessments })

export const byProgram = (plan: CohortPlan) => ({
  P1: plan.runners.filter((r) => r.assignment.programCode === 'P1'),
  P2: plan.runners.filter((r) => r.assignment.programCode === 'P2'),
  P3: plan.runners.filter((r) => r.assignment.programCode === 'P3'),
})

export const assessmentAt = (runner: RunnerPlan, timePoint: string) => runner.assessments.find((a) => a.timePoint === timePoint)

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
