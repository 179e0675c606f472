import { describe, expect, it } from 'vitest'
import { patientStatus } from '@clinic/rules/status'

const facts = { withdrawnOn: null, outcome: 'clear' as const, clearedOn: null, startDate: null, today: '2026-03-10' }

describe('patient status', () => {
  it('waits for clearance after a red flag, then is ready for a program', () => {
    expect(patientStatus({ ...facts, outcome: 'refer' })).toBe('awaiting_clearance')
    expect(patientStatus({ ...facts, outcome: 'refer', clearedOn: '2026-03-09' })).toBe('ready')
  })

  it('is active during the program and completed after week 8', () => {
    expect(patientStatus({ ...facts, startDate: '2026-03-02' })).toBe('active')
    expect(patientStatus({ ...facts, startDate: '2026-01-01' })).toBe('completed')
  })

  it('shows withdrawal above everything else', () => {
    expect(patientStatus({ ...facts, startDate: '2026-03-02', withdrawnOn: '2026-03-09' })).toBe('withdrawn')
  })
})
