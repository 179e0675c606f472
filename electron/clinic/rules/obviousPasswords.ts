/*
 * Passwords and PINs a guesser tries first, refused when an account is made or
 * a password changed (the schemas in contract/auth.ts; the service adds the
 * username for a change of one's own password). Pure functions: the renderer
 * checks the same as the clinic.
 *
 * Refused: the most common passwords of leaked lists (English and German),
 * also with digits or ! added (password1, passwort123!); one character or a
 * short group repeated (000000, 121212, abcabc); runs up or down (123456,
 * 87654321, abcdefgh, 1234567890); keyboard rows (qwertz, qwerty, asdfgh);
 * the username, forwards or backwards, alone or with digits added.
 */

/** The most common passwords of public leak lists (lowercase), without those the rules below catch. */
const COMMON = new Set([
  'password', 'passwort', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'kennwort', 'letmein', 'welcome', 'willkommen',
  'iloveyou', 'ichliebedich', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'fussball',
  'baseball', 'superman', 'batman', 'trustno1', 'shadow', 'michael', 'jennifer', 'charlie', 'freedom',
  'whatever', 'starwars', 'computer', 'internet', 'secret', 'geheim', 'hallo', 'hallo123', 'hello', 'schatz',
  'sommer', 'summer', 'winter', 'frühling', 'herbst', 'schalke', 'schalke04', 'bayern', 'borussia', 'berlin',
  'hamburg', 'admin', 'administrator', 'root', 'login', 'qwerty', 'qwertz', 'abc123', 'test', 'testtest',
  'changeme', 'default', 'passwort1', 'password1', 'lovely', 'flower', 'cookie', 'pokemon', 'killer',
  'soccer', 'hockey', 'ranger', 'thomas', 'daniel', 'andreas', 'stefan', 'michelle', 'nicole', 'jessica',
  'ashley', 'mustang', 'access', 'zaq12wsx', '1qaz2wsx', 'q1w2e3r4', '1q2w3e4r', '1q2w3e', 'q1w2e3',
  'a1b2c3', 'a1b2c3d4', 'aa123456', '123qwe', 'qwe123', 'asd123', 'backstride', 'physio', 'physiotherapie',
  'therapie', 'praxis', 'klinik', 'clinic', 'runner', 'running', 'laufen',
  // PINs of leak lists that no run or repetition rule below catches.
  '159753', '147258', '147258369', '789456', '789456123', '852456', '741852', '963852', '142536', '131313',
  '520520', '112358', '1029384756', '696969', '123321', '1234321', '12344321', '198919', '111222', '000111',
])

/** Keyboard rows (German and English layouts) and the digit row: any 6 keys in a row are a run. */
const KEYBOARD_ROWS = ['qwertzuiopü', 'qwertyuiop', 'asdfghjklöä', 'asdfghjkl', 'yxcvbnm', 'zxcvbnm', '1234567890', 'poiuztrewq', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxy', 'mnbvcxz', '0987654321']

/** Every step between neighbouring characters is +1, or every step is -1 (9 and 0 count as neighbours). */
function isRun(text: string): boolean {
  if (text.length < 3) return false
  const step = (a: string, b: string) => (a === '9' && b === '0' ? 1 : a === '0' && b === '9' ? -1 : b.charCodeAt(0) - a.charCodeAt(0))
  const first = step(text[0], text[1])
  if (first !== 1 && first !== -1) return false
  for (let i = 2; i < text.length; i++) if (step(text[i - 1], text[i]) !== first) return false
  return true
}

/** One character, or a group of up to 4, repeated: 000000, 121212, 123123, abababab. */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= Math.min(4, text.length / 2); size++) {
    if (text.length % size === 0 && text === text.slice(0, size).repeat(text.length / size)) return true
  }
  return false
}

/** Digits and signs added at the end: password123!, sommer2024. */
const ADDED_AT_END = /[\d\s!?.#*_+-]+$/u

/** The guessable core of a password: lowercase, without what was added at the end (when 4 characters or more remain). */
function coreOf(password: string): string {
  const lower = password.normalize('NFKC').toLowerCase()
  const core = lower.replace(ADDED_AT_END, '')
  return core.length >= 4 ? core : lower
}

/** Would a guesser try this early, whoever's password it is? */
export function isObviousPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase()
  const candidates = new Set([lower, coreOf(password), lower.replace(/\s+/g, '')])
  for (const text of candidates) {
    if (COMMON.has(text) || isRun(text) || isRepetition(text)) return true
    if (text.length >= 3 && KEYBOARD_ROWS.some((row) => row.includes(text))) return true
  }
  return false
}

/** Is this password the account's username, forwards or backwards, alone or with digits or signs added? */
export function isUsernamePassword(password: string, username: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase()
  const core = lower.replace(ADDED_AT_END, '')
  const name = username.toLowerCase()
  const reversed = [...name].reverse().join('')
  return [name, reversed].some((n) => n.length > 0 && (core === n || lower === n))
}
