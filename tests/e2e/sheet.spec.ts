import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Dosage, HomeSheet } from '../../electron/clinic/contract'
import { test, expect, type BrowserModeClinic } from './fixtures'
import { daysAgo, enrollInput } from './factories'
import type { Language, ProgramCode } from '../../electron/clinic/domain/vocabulary'

/*
 * The printed sheet is checked as printed: Chromium's PDF of the print layout,
 * read back with poppler (pdftotext, pdfinfo, pdftoppm). Set BACKSTRIDE_SHOTS to a
 * folder to keep the PDFs for a look.
 */

// Made per worker when its tests start (not at import: the runner imports spec files to list them, and that copy never cleans up).
let work: string
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'backstride-sheet-'))
})
test.afterAll(() => rmSync(work, { recursive: true, force: true }))

async function enroll(clinic: BrowserModeClinic, programCode: ProgramCode, startedDaysAgo: number, optionalExercises: string[] = []) {
  const start = daysAgo(startedDaysAgo)
  const input = {
    ...enrollInput({ firstName: 'Lena', lastName: 'Brandt', clinicId: 'BS-0042', enrolledOn: start }),
    program: { programCode, startDate: start, optionalExercises },
  }
  const result = await clinic.call<{ patientId: number }>('patients/enroll', input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value.patientId
}

async function homeSheet(clinic: BrowserModeClinic, patientId: number, week: number, language: Language = 'en') {
  const result = await clinic.call<HomeSheet>('sheets/home', { patientId, week, language })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** The dosage as the sheet words it: "3 × 10 repetitions", "3 × hold 40 s", "3 intervals of 2 min 30 s". */
function dosageText(d: Dosage, language: Language): string {
  const words = {
    en: { reps: 'repetitions', hold: (s: number) => `hold ${s} s`, intervals: 'intervals of' },
    de: { reps: 'Wiederholungen', hold: (s: number) => `${s} s halten`, intervals: 'Intervalle von je' },
  }[language]
  const times = d.sets === 1 ? '' : `${d.sets} × `
  if (d.durationSeconds !== null) {
    const [min, sec] = [Math.floor(d.durationSeconds / 60), d.durationSeconds % 60]
    const length = sec === 0 ? `${min} min` : min === 0 ? `${sec} s` : `${min} min ${sec} s`
    return d.sets === 1 ? length : `${d.sets} ${words.intervals} ${length}`
  }
  if (d.holdSeconds !== null) return `${times}${words.hold(d.holdSeconds)}`
  const reps = d.repsMax === null || d.repsMax === d.repsMin ? `${d.repsMin}` : `${d.repsMin}–${d.repsMax}`
  return `${times}${reps} ${words.reps}`
}

/** Text compared without white space, hyphens or case: a line may wrap anywhere, pdftotext joins "cool-\ndown", headings are set in capitals. */
const squash = (text: string) => text.replace(/[\s-]+/g, '').toLowerCase()

const occurrences = (text: string, part: string) => text.split(part).length - 1

/**
 * Each exercise's name and its week's dosage are on the printed page. pdftotext reads two cards side
 * by side line by line, so which dosage belongs to which exercise is checked on each card as printed,
 * and the PDF holds every dosage as often as the week prescribes it.
 */
async function expectExercises(page: Page, printed: PrintedSheet, sheet: HomeSheet) {
  const all = [...sheet.warmUp, ...sheet.exercises, ...sheet.coolDown]
  const dosages = all.map((exercise) => dosageText(exercise.dosage, sheet.language))
  for (const [i, exercise] of all.entries()) {
    expect(printed.text, exercise.name).toContain(squash(exercise.name))
    const sameDosage = dosages.filter((d) => d === dosages[i]).length
    expect(occurrences(printed.text, squash(dosages[i])), dosages[i]).toBeGreaterThanOrEqual(sameDosage)
    const card = page.locator(`[data-exercise="${exercise.code}"]`)
    await expect(card).toContainText(exercise.name)
    await expect(card).toContainText(dosages[i])
    if (exercise.dosage.note) await expect(card).toContainText(exercise.dosage.note[sheet.language])
  }
}

interface PrintedSheet {
  text: string
  pages: number
  file: string
}

/** Prints the page as Chromium would to paper (print media, A4) and reads the PDF back. */
async function printSheet(page: Page, name: string): Promise<PrintedSheet> {
  await expect.poll(() => page.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))).toBe(true)
  await page.emulateMedia({ media: 'print' })
  const file = join(work, `${name}.pdf`)
  await page.pdf({ path: file, format: 'A4', printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  if (process.env.BACKSTRIDE_SHOTS) copyFileSync(file, join(process.env.BACKSTRIDE_SHOTS, `${name}.pdf`))
  // Lines that are only a number are the drawings' phase labels ("1", "2") and the exercises' numbers:
  // they fall between the lines of text next to them.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => !/^\s*\d+\s*$/.test(line))
    .join('\n')
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  return { text: squash(text), pages, file }
}

/** Share of dark pixels on page 1, rendered small in grey (a binary PGM: "P5 width height 255" and one byte a pixel). */
function darkShareOfPage1(pdf: string): number {
  const prefix = join(work, 'page')
  execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-gray', '-singlefile', pdf, prefix])
  const pgm = readFileSync(`${prefix}.pgm`)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('not a binary PGM')
  const [width, height] = [Number(header[1]), Number(header[2])]
  const pixels = pgm.subarray(header[0].length, header[0].length + width * height)
  let dark = 0
  for (const value of pixels) if (value < 128) dark++
  return dark / pixels.length
}

/**
 * The warning signs, the ten-day rule, the advice after an operation and the advice headings, as the runner reads
 * them, written out here rather than taken from the app's message files.
 */
const PRINTED_ADVICE = {
  en: {
    signs: [
      'New numbness between your legs, around your buttocks or on your inner thighs',
      'New problems passing or holding urine or stool',
      'New weakness or numbness in both legs',
      'New weakness in one leg or foot, or your foot drops or drags',
      'Pain that spreads into your leg',
      'Numbness or tingling in a leg',
      'Fever or chills',
      'Weight loss you cannot explain',
      'Severe pain at night or when lying down',
      'Pain clearly worse after exercising that lasts more than a day',
    ],
    tenDays: 'Pain that lasts more than ten days despite the exercises and the advice on this sheet',
    actions: ['at once: emergency department or emergency call', 'see a doctor within the next few days', 'tell your therapist at the next session, or call the clinic'],
    operation: 'After a back operation, or if you already have other back problems: see a doctor before you start running again.',
    headings: ['Running with back pain: advice', 'Running during the eight weeks', 'Running technique', 'Build up gradually, recover well', 'If the pain flares up', 'Shoes and ground'],
  },
  de: {
    signs: [
      'Neues Taubheitsgefühl zwischen den Beinen, am Gesäß oder innen an den Oberschenkeln',
      'Neue Probleme, Urin oder Stuhl zu lassen oder zu halten',
      'Neue Schwäche oder Taubheit in beiden Beinen',
      'Neue Schwäche in einem Bein oder Fuß, oder der Fuß hängt oder schleift',
      'Schmerzen, die ins Bein ausstrahlen',
      'Taubheit oder Kribbeln in einem Bein',
      'Fieber oder Schüttelfrost',
      'Gewichtsverlust ohne erkennbaren Grund',
      'Starke Schmerzen nachts oder im Liegen',
      'Schmerzen, die nach dem Üben deutlich stärker sind und länger als einen Tag anhalten',
    ],
    tenDays: 'Schmerzen, die trotz der Übungen und der Hinweise auf diesem Blatt länger als zehn Tage anhalten',
    actions: ['sofort: Notaufnahme oder Notruf', 'in den nächsten Tagen zur Ärztin / zum Arzt', 'beim nächsten Termin Ihrer Therapeutin / Ihrem Therapeuten sagen oder die Praxis anrufen'],
    operation: 'Nach einer Rückenoperation oder bei bestehenden Rückenproblemen: Lassen Sie sich ärztlich beraten, bevor Sie wieder mit dem Laufen beginnen.',
    headings: ['Laufen mit Rückenschmerzen: Hinweise', 'Laufen während der acht Wochen', 'Lauftechnik', 'Langsam steigern, gut erholen', 'Wenn die Schmerzen aufflammen', 'Schuhe und Untergrund'],
  },
} as const

/** What the sheet says about running during the program, for each choice, as the runner reads it (written out here). */
const PRINTED_RUNNING_ADVICE = {
  keep_running: {
    en: ['Keep running as long as your pain allows: at your usual distance, on your usual days and at your usual pace, not more.', 'Build up only when your therapist agrees.'],
    de: [
      'Laufen Sie weiter, solange es die Schmerzen zulassen: in Ihrem gewohnten Umfang, an Ihren gewohnten Tagen und in Ihrem gewohnten Tempo, nicht mehr.',
      'Steigern Sie erst, wenn Ihre Therapeutin / Ihr Therapeut zustimmt.',
    ],
  },
  pause_running: {
    en: ['Pause running for now.', 'Stay active instead: Nordic walking or swimming spare your back and let it recover.', 'Start running again only when your therapist agrees.'],
    de: [
      'Legen Sie vorerst eine Laufpause ein.',
      'Bleiben Sie stattdessen in Bewegung: Nordic Walking oder Schwimmen schonen den Rücken und lassen ihn sich erholen.',
      'Beginnen Sie erst wieder mit dem Laufen, wenn Ihre Therapeutin / Ihr Therapeut zustimmt.',
    ],
  },
} as const

/** The printed sheet says the runner's advice on running, and not the other one. */
function expectRunningAdvice(printed: PrintedSheet, language: Language, advice: keyof typeof PRINTED_RUNNING_ADVICE) {
  for (const line of PRINTED_RUNNING_ADVICE[advice][language]) expect(printed.text, line).toContain(squash(line))
  const other = advice === 'keep_running' ? 'pause_running' : 'keep_running'
  expect(printed.text, `not ${other}`).not.toContain(squash(PRINTED_RUNNING_ADVICE[other][language][0]))
}

function expectWarningSignsAndAdvice(printed: PrintedSheet, language: Language) {
  const words = PRINTED_ADVICE[language]
  for (const sign of words.signs) expect(printed.text, sign).toContain(squash(sign))
  expect(printed.text, 'ten-day rule').toContain(squash(words.tenDays))
  for (const action of words.actions) expect(printed.text, action).toContain(squash(action))
  expect(printed.text, 'after an operation').toContain(squash(words.operation))
  for (const heading of words.headings) expect(printed.text, heading).toContain(squash(heading))
}

/** Every drawing prints at least 70 mm wide: two frames of at least 35 mm. */
async function expectDrawingsLargeEnough(page: Page) {
  await page.emulateMedia({ media: 'print' })
  const widthsMm = await page.locator('.sheet img').evaluateAll((images) => images.map((img) => (img.getBoundingClientRect().width * 25.4) / 96))
  await page.emulateMedia({ media: 'screen' })
  expect(widthsMm.length).toBeGreaterThan(0)
  for (const width of widthsMm) expect(width).toBeGreaterThanOrEqual(70)
}

test('prints a P1 runner’s week 3 sheet with retro walking, warning signs and runner advice, in English and German, and reprints week 1', async ({
  page,
  clinic,
}) => {
  await clinic.call('settings/updateClinic', { clinicName: 'Physio am Stadtpark', address: 'Parkstraße 4\n80331 München', phone: '089 123456', email: 'praxis@stadtpark-physio.de' })
  const patientId = await enroll(clinic, 'P1', 14, ['retro-walking'])
  const week3 = await homeSheet(clinic, patientId, 3)
  expect(week3.exercises.map((e) => e.code)).toContain('retro-walking')

  await page.goto(clinic.url)
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await page.getByRole('link', { name: 'Home-exercise sheet' }).click()
  // The runner's current week and preferred language are the defaults.
  await expect(page.getByLabel('Program week')).toHaveValue('3')
  await expect(page.getByLabel('Sheet language')).toHaveValue('en')
  await expect(page.getByTestId('sheet-week')).toHaveText('Week 3 of 8')
  if (process.env.BACKSTRIDE_SHOTS) await page.screenshot({ path: join(process.env.BACKSTRIDE_SHOTS, 'sheet-screen.png'), fullPage: true })

  const english = await printSheet(page, 'sheet-p1-week3-en')
  expect(english.pages).toBeLessThanOrEqual(4)
  expectWarningSignsAndAdvice(english, 'en')
  expectRunningAdvice(english, 'en', 'keep_running')
  await expectDrawingsLargeEnough(page)
  for (const expected of ['Lena Brandt', 'BS-0042', 'Leg strength', 'Week 3 of 8', 'Physio am Stadtpark', '089 123456']) {
    expect(english.text).toContain(squash(expected))
  }
  await expectExercises(page, english, week3)
  const retro = week3.exercises.find((e) => e.code === 'retro-walking')!
  for (const note of retro.safetyNotes) expect(english.text).toContain(squash(note))
  // Retro walking says honestly what its evidence concerns.
  expect(english.text).toContain(squash('concerns the knees, balance and the work of the front thigh muscle (quadriceps), not back pain'))
  expect(english.text).toContain(squash('My home sessions this week'))
  expect(darkShareOfPage1(english.file)).toBeGreaterThan(0.01)

  await page.getByLabel('Sheet language').selectOption('de')
  await expect(page.getByTestId('sheet-week')).toHaveText('Woche 3 von 8')
  const german = await printSheet(page, 'sheet-p1-week3-de')
  expect(german.pages).toBeLessThanOrEqual(4)
  expectWarningSignsAndAdvice(german, 'de')
  expectRunningAdvice(german, 'de', 'keep_running')
  const week3de = await homeSheet(clinic, patientId, 3, 'de')
  for (const expected of ['Woche 3 von 8', 'Beinkraft', 'Rückwärtsgehen auf dem Laufband', 'Wann Sie aufhören und Hilfe holen sollten']) {
    expect(german.text).toContain(squash(expected))
  }
  await expectExercises(page, german, week3de)

  // A reprint of an earlier week shows that week's dosage.
  await page.getByLabel('Program week').selectOption('1')
  await page.getByLabel('Sheet language').selectOption('en')
  await expect(page.getByTestId('sheet-week')).toHaveText('Week 1 of 8')
  const week1 = await homeSheet(clinic, patientId, 1)
  const reprint = await printSheet(page, 'sheet-p1-week1-en')
  await expectExercises(page, reprint, week1)
  const week1Dosages = week1.exercises.map((e) => dosageText(e.dosage, 'en'))
  const week3Only = week3.exercises.map((e) => dosageText(e.dosage, 'en')).filter((d) => !week1Dosages.includes(d))
  expect(week3Only.length).toBeGreaterThan(0)
  for (const dosage of week3Only) expect(reprint.text).not.toContain(squash(dosage))
})

test('prints the largest program (P3) with the drawing of each week’s stage, in both languages', async ({ page, clinic }) => {
  await clinic.call('settings/updateClinic', { clinicName: 'Physio am Stadtpark', address: 'Parkstraße 4\n80331 München', phone: '089 123456', email: 'praxis@stadtpark-physio.de' })
  const patientId = await enroll(clinic, 'P3', 52)
  await page.goto(clinic.url)
  for (const language of ['en', 'de'] as const) {
    await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet?week=8&lang=${language}`)
    await expect(page.getByTestId('sheet-week')).toHaveText(language === 'en' ? 'Week 8 of 8' : 'Woche 8 von 8')
    const printed = await printSheet(page, `sheet-p3-week8-${language}`)
    expect(printed.pages).toBeLessThanOrEqual(4)
    await expectExercises(page, printed, await homeSheet(clinic, patientId, 8, language))
    expectWarningSignsAndAdvice(printed, language)
  }
  // Week 8: side plank with straight legs; week 1: the early variant on bent knees.
  await expect(page.locator('[data-exercise="side-plank"] img')).toHaveAttribute('src', /side-plank(-[\w-]+)?\.svg/)
  await expect(page.locator('[data-exercise="side-plank"] img')).not.toHaveAttribute('src', /side-plank-early/)
  await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet?week=1&lang=en`)
  await expect(page.getByTestId('sheet-week')).toHaveText('Week 1 of 8')
  for (const code of ['side-plank', 'single-leg-balance']) {
    await expect(page.locator(`[data-exercise="${code}"] img`)).toHaveAttribute('src', new RegExp(`${code}-early`))
  }
  await expectDrawingsLargeEnough(page)
})

test('prints the running advice the clinic and the therapist chose: the clinic default, then the runner’s own, in both languages', async ({ page, clinic }) => {
  const patientId = await enroll(clinic, 'P2', 7)
  const record = await clinic.call<{ enrollmentId: number }>('patients/get', { patientId })
  if (!record.ok) throw new Error(record.error.message)
  const { enrollmentId } = record.value
  expect((await clinic.call('settings/updateRunningAdvice', { clinicDefault: 'pause_running' })).ok).toBe(true)
  await page.goto(clinic.url)
  for (const language of ['en', 'de'] as const) {
    await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet?week=2&lang=${language}`)
    await expect(page.getByTestId('sheet-week')).toHaveText(language === 'en' ? 'Week 2 of 8' : 'Woche 2 von 8')
    const printed = await printSheet(page, `sheet-p2-week2-pause-${language}`)
    expect(printed.pages).toBeLessThanOrEqual(4)
    expectRunningAdvice(printed, language, 'pause_running')
  }
  // The therapist chooses otherwise for this runner.
  expect((await clinic.call('enrollments/correct', { enrollmentId, runningAdvice: 'keep_running', reason: 'Runs pain-free' })).ok).toBe(true)
  for (const language of ['en', 'de'] as const) {
    await page.goto(`${clinic.origin}/#/patients/${patientId}/sheet?week=3&lang=${language}`)
    await expect(page.getByTestId('sheet-week')).toHaveText(language === 'en' ? 'Week 3 of 8' : 'Woche 3 von 8')
    const printed = await printSheet(page, `sheet-p2-week3-keep-${language}`)
    expectRunningAdvice(printed, language, 'keep_running')
  }
})
