import { describe, expect, it } from 'vitest'
import { programMayStart, RED_FLAGS, screeningOutcome } from '@clinic/rules/redFlags'

const none = () => Object.fromEntries(RED_FLAGS.map((flag) => [flag, false]))

describe('red-flag screen', () => {
  it('is clear when every answer is no', () => {
    expect(screeningOutcome(none())).toBe('clear')
  })

  it('asks for same-day referral for any cauda equina sign', () => {
    for (const flag of ['saddle_numbness', 'bladder_bowel_change', 'bilateral_leg_weakness_numbness', 'progressive_neurological_deficit', 'foot_drop'] as const) {
      expect(screeningOutcome({ ...none(), [flag]: true })).toBe('refer_same_day')
    }
  })

  it('asks for referral for a fracture, tumour or infection flag', () => {
    expect(screeningOutcome({ ...none(), major_trauma: true })).toBe('refer')
    expect(screeningOutcome({ ...none(), history_of_cancer: true })).toBe('refer')
    expect(screeningOutcome({ ...none(), recent_back_surgery: true })).toBe('refer')
  })

  it('keeps same-day urgency when cauda equina signs come with other flags', () => {
    expect(screeningOutcome({ ...none(), fever_or_chills: true, foot_drop: true })).toBe('refer_same_day')
  })

  it('lets a program start only when clear or cleared by a physician', () => {
    expect(programMayStart('clear', null)).toBe(true)
    expect(programMayStart('refer', null)).toBe(false)
    expect(programMayStart('refer_same_day', null)).toBe(false)
    expect(programMayStart('refer', '2026-03-02')).toBe(true)
  })

  it('lists fifteen distinct red flags', () => {
    expect(new Set(RED_FLAGS).size).toBe(RED_FLAGS.length)
    expect(RED_FLAGS).toHaveLength(15)
  })
})
