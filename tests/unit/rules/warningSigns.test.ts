import { describe, expect, it } from 'vitest'
import { RED_FLAGS, screeningOutcome, type RedFlag } from '../../../electron/clinic/rules/redFlags'
import { HISTORY_RED_FLAGS, WARNING_SIGNS } from '../../../electron/clinic/rules/warningSigns'
import de from '../../../src/i18n/sheet/de'
import en from '../../../src/i18n/sheet/en'

describe('warning signs', () => {
  it('give every red flag of the enrollment screen to the runner as a sign, unless it is history asked once', () => {
    const covered = new Set<RedFlag>([...WARNING_SIGNS.flatMap((s) => s.redFlags), ...HISTORY_RED_FLAGS])
    expect(RED_FLAGS.filter((flag) => !covered.has(flag))).toEqual([])
  })

  it('send the runner to a doctor immediately for exactly the signs the screen refers the same day', () => {
    for (const sign of WARNING_SIGNS) {
      for (const flag of sign.redFlags) {
        const sameDay = screeningOutcome({ [flag]: true }) === 'refer_same_day'
        expect(sign.action === 'immediately', `${sign.sign} / ${flag}`).toBe(sameDay)
      }
    }
  })

  it('include the prevention article\'s signs: radiating pain, numbness, weakness in a leg, and the ten-day rule', () => {
    const signs = WARNING_SIGNS.map((s) => s.sign)
    expect(signs).toEqual(expect.arrayContaining(['radiating_pain', 'leg_numbness', 'leg_weakness', 'ten_days']))
    expect(en.warningSigns.signs.ten_days).toMatch(/ten days/)
    expect(de.warningSigns.signs.ten_days).toMatch(/zehn Tage/)
  })

  it('have words for every sign and action in English and German', () => {
    for (const messages of [en, de]) {
      for (const sign of WARNING_SIGNS) {
        expect(messages.warningSigns.signs[sign.sign], sign.sign).toBeTruthy()
        expect(messages.warningSigns.actions[sign.action], sign.action).toBeTruthy()
      }
    }
  })
})
