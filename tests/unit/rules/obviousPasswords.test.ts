import { describe, expect, it } from 'vitest'
import { isObviousPassword, isUsernamePassword } from '../../../electron/clinic/rules/obviousPasswords'

describe('obvious passwords and PINs', () => {
  it.each([
    '000000', '123456', '12345678', '1234567890', '0987654321', '87654321', '999999', '121212', '123123', 'abcabcabc',
    'password', 'PASSWORD', 'password1', 'Passwort123!', 'passwort', 'qwertz', 'qwertz123', 'qwerty12', 'asdfghjk',
    'abcdefgh', 'hgfedcba', 'iloveyou', 'schalke04', 'sommer2024', '159753', '147258369', '1q2w3e4r', 'aaaaaaaa',
  ])('refuses %s', (password) => {
    expect(isObviousPassword(password)).toBe(true)
  })

  it.each(['correct horse battery', '135791', '246810', '5629014', '93162847', 'ada-assesses-blind', 'tom runs at dawn', 'Kiefernweg 12b', '318264'])(
    'accepts %s',
    (password) => {
      expect(isObviousPassword(password)).toBe(false)
    },
  )

  it('refuses the username itself, backwards, or with digits and signs added, not a password that merely contains it', () => {
    for (const password of ['lena.lead', 'LENA.LEAD', 'dael.anel', 'lena.lead2026', 'lena.lead!']) {
      expect(isUsernamePassword(password, 'lena.lead'), password).toBe(true)
    }
    expect(isUsernamePassword('tom12345', 'tom')).toBe(true)
    expect(isUsernamePassword('tom runs at dawn', 'tom')).toBe(false)
  })
})
