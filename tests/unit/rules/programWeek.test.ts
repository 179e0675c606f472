import { describe, expect, it } from 'vitest'
import { dosageWeek, programEndDate, programPhase } from '@clinic/rules/programWeek'

describe('program week for a date', () => {
  const start = '2026-03-02'

  it('counts the start date and the six days after it as week 1', () => {
    expect(programPhase(start, '2026-03-02')).toEqual({ phase: 'in_program', week: 1 })
    expect(programPhase(start, '2026-03-08')).toEqual({ phase: 'in_program', week: 1 })
    expect(programPhase(start, '2026-03-09')).toEqual({ phase: 'in_program', week: 2 })
  })

  it('ends after 8 weeks: day 56 is the last day of week 8', () => {
    expect(programEndDate(start)).toBe('2026-04-26')
    expect(programPhase(start, '2026-04-26')).toEqual({ phase: 'in_program', week: 8 })
    expect(programPhase(start, '2026-04-27')).toEqual({ phase: 'completed', daysSinceEnd: 1 })
  })

  it('reports the days until a future start', () => {
    expect(programPhase(start, '2026-02-27')).toEqual({ phase: 'not_started', startsInDays: 3 })
  })

  it('counts calendar days across a daylight-saving change (Europe, 29 March 2026)', () => {
    expect(programPhase('2026-03-23', '2026-03-30')).toEqual({ phase: 'in_program', week: 2 })
  })

  it('uses week 1 dosage before the start and week 8 dosage after the end', () => {
    expect(dosageWeek(start, '2026-03-01')).toBe(1)
    expect(dosageWeek(start, '2026-03-20')).toBe(3)
    expect(dosageWeek(start, '2026-06-01')).toBe(8)
  })
})
