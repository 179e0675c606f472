// `npm run screenshots:sheets`: the printed home-exercise sheet of each program, at week 1 and week 8, in
// English and German, as PNGs (all pages side by side) into resources/screenshots/sheets/. Prints through
// Chromium's PDF of the print layout, as the sheet e2e test does, and renders the pages with pdftoppm.
// Set BACKSTRIDE_SHOTS to a folder to keep the PDFs.
import { chromium } from '@playwright/test'
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProgramCode } from '../electron/clinic/domain/vocabulary'
import { enrollInput } from './e2e/factories'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'resources', 'screenshots', 'sheets')
const ACCOUNT = { username: 'mara.lead', displayName: 'Mara Lead', password: 'desk password 1' }
const PROGRAMS: { code: ProgramCode; optional: string[] }[] = [
  { code: 'P1', optional: ['retro-walking'] },
  { code: 'P2', optional: [] },
  { code: 'P3', optional: [] },
]

async function startBrowserMode(file: string) {
  let output = ''
  const child = spawn(process.execPath, ['out/main/web.js', '--db', file, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000)
    const poll = setInterval(() => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) clearInterval(poll), clearTimeout(timer), resolve(match[1])
    }, 50)
  })
  return { child, url: new URL(url) }
}

async function call<T>(url: URL, channel: string, input: object = {}): Promise<T> {
  const response = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-backstride-token': url.hash.replace('#token=', '') },
    body: JSON.stringify(input),
  })
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'backstride-sheets-'))
  const server = await startBrowserMode(join(dir, 'clinic.sqlite'))
  const browser = await chromium.launch({ executablePath: process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
  mkdirSync(outDir, { recursive: true })
  try {
    await call(server.url, 'auth/setup', ACCOUNT)
    await call(server.url, 'settings/updateClinic', {
      clinicName: 'Physio am Stadtpark',
      address: 'Parkstraße 4\n80331 München',
      phone: '089 123456',
      email: 'praxis@stadtpark-physio.de',
    })
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(server.url.href)
    await page.getByRole('heading', { level: 1 }).waitFor()
    for (const [i, program] of PROGRAMS.entries()) {
      const input = enrollInput({ firstName: 'Lena', lastName: 'Brandt', clinicId: `BS-004${i}` })
      const { patientId } = await call<{ patientId: number }>(server.url, 'patients/enroll', {
        ...input,
        program: { programCode: program.code, startDate: input.enrolledOn, optionalExercises: program.optional },
      })
      for (const week of [1, 8]) {
        for (const language of ['en', 'de'] as const) {
          await page.goto(`${server.url.origin}/#/patients/${patientId}/sheet?week=${week}&lang=${language}`)
          await page.getByTestId('home-sheet').waitFor()
          await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))
          await page.emulateMedia({ media: 'print' })
          const name = `sheet-${program.code}-week${week}-${language}`
          const pdf = join(dir, `${name}.pdf`)
          await page.pdf({ path: pdf, format: 'A4', printBackground: true })
          await page.emulateMedia({ media: 'screen' })
          if (process.env.BACKSTRIDE_SHOTS) copyFileSync(pdf, join(process.env.BACKSTRIDE_SHOTS, `${name}.pdf`))
          execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(dir, name)])
          const pages = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort()
          // All pages side by side in one picture.
          const montage = await browser.newPage({ viewport: { width: 600, height: 800 } })
          const images = pages.map((f) => `<img src="data:image/png;base64,${readFileSync(join(dir, f)).toString('base64')}">`)
          await montage.setContent(`<body style="margin:0;display:flex;gap:8px;background:#888;padding:8px;width:max-content">${images.join('')}</body>`)
          await montage.screenshot({ path: join(outDir, `${name}.png`), fullPage: true })
          await montage.close()
          console.log(`${name}: ${pages.length} pages`)
        }
      }
    }
  } finally {
    await browser.close()
    server.child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
