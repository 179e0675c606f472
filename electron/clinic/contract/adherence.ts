import { z } from 'zod'
import { PROGRAM_WEEKS } from '../rules/programWeek'
import { id, pastOrToday, score } from './fields'
import { zodMessage } from './messages'
import type { ProgramCode } from '../domain/vocabulary'

/** One day of the home-exercise sheet's log, as the runner filled it in. */
export const homeLogDay = z.object({
  date: pastOrToday,
  done: z.boolean({ error: zodMessage('home_done_required') }),
  pain: score.nullish().transform((v) => v ?? null),
})

const WEEK_RANGE = zodMessage('week_range', { min: 1, max: PROGRAM_WEEKS })

/** A program week's home log from the returned sheet: one entry per day written on it (up to 7). */
export const recordHomeWeekInput = z
  .object({
    enrollmentId: id('enrollment'),
    week: z
      .number({ error: WEEK_RANGE })
      .int({ message: WEEK_RANGE })
      .min(1, { message: WEEK_RANGE })
      .max(PROGRAM_WEEKS, { message: WEEK_RANGE }),
    days: z
      .array(homeLogDay)
      .min(1, { message: zodMessage('home_days_too_few') })
      .max(7, { message: zodMessage('home_days_too_many', { max: 7 }) }),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>()
    input.days.forEach((day, i) => {
      if (seen.has(day.date)) ctx.addIssue({ code: 'custom', message: zodMessage('day_entered_twice'), path: ['days', i, 'date'] })
      seen.add(day.date)
    })
  })

export const enrollmentRef = z.object({ enrollmentId: id('enrollment') })

/** A runner's adherence to the plan and the fidelity of their supervised sessions, so far. */
export interface PatientAdherence {
  enrollmentId: number
  /** Completed program weeks (0–8): the weeks whose sessions are due. */
  weeksElapsed: number
  /** Supervised sessions attended of those planned for the whole program, as the progress report counts them. */
  attendance: { planned: number; attended: number; missed: number; percent: number }
  home: { done: number; planned: number; percent: number | null }
  supervised: { done: number; planned: number; percent: number | null }
  fidelity: {
    exercises: number
    /** Share of the exercises done as prescribed, 0–100. */
    asPrescribedPercent: number | null
    /** Mean performed volume as a percentage of the prescribed volume. */
    volumePercent: number | null
  }
}

/** Mean of the runners' percentages, with the number of runners it is taken over. */
export interface MeanPercent {
  n: number
  mean: number | null
}

/** One program's delivery: adherence and fidelity averaged over its runners. */
export interface ProgramDelivery {
  programCode: ProgramCode
  /** Runners in the program (filter and analysis set applied). */
  patients: number
  homeAdherence: MeanPercent
  supervisedAdherence: MeanPercent
  fidelityAsPrescribed: MeanPercent
  fidelityVolume: MeanPercent
}

export interface DeliveryResult {
  programs: ProgramDelivery[]
}
