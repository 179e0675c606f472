import { existsSync } from 'node:fs'
import { makePrivate, privateFolder } from '../db/fileModes'
import { dirname, join, resolve } from 'node:path'
import { resourcesFolder } from '../db/paths'
import type { Clinic } from './clinic/open'
import type { Language } from './clinic/domain/vocabulary'

/*
 * `backstride report patient|group --out FILE.pdf`: the outcome reports as
 * PDF files, printed by a browser engine from the app's own report pages. The
 * browser-mode server runs in this process on the CLI's clinic (opened without
 * sign-in), a headless Chromium loads the report, waits until it says it is
 * drawn (data-ready) and prints it to A4, exactly as the Print button would.
 */

/** No network chatter, no GPU. */
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * Chromium keeps its sandbox, except when this process runs as root, where Chromium refuses to start with
 * it (containers, CI): then it runs without, and the command says so on stderr in one line.
 * uid: the process's user id; none on Windows, where Chromium always keeps its sandbox.
 */
export function chromiumSandbox(uid: number | undefined): { sandbox: boolean; notice: string | null } {
  return uid === 0
    ? { sandbox: false, notice: 'backstride: printing with Chromium without its sandbox, because this command runs as root' }
    : { sandbox: true, notice: null }
}

/** How long a report may take to load and draw before the command gives up. */
const READY_TIMEOUT_MS = 30_000

/** Why a report could not be printed, in one line; the CLI exits with 1. */
export class ReportFailed extends Error {}

export interface ReportPage {
  /** The renderer's route, e.g. /patients/12/report?lang=de or /comparison/report?demo=1. */
  route: string
  /** The language of the screen around the report (the group report's words and number format). */
  language: Language
  out: string
  /** The app's built pages (out/renderer). */
  rendererDir: string
}

/** Checks what printing needs before the database work starts: the built pages and a browser engine. */
export function reportPrerequisites(rendererDir: string): { executablePath: string } {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new ReportFailed(`The app's pages are not built (no ${join(rendererDir, 'index.html')}): run npm run build first`)
  }
  const executablePath = process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new ReportFailed(
      `No browser engine found to print the report (looked for ${executablePath}): install Chromium or set BACKSTRIDE_CHROMIUM to its path`,
    )
  }
  return { executablePath }
}

/** Prints one report page of the clinic to an A4 PDF file; returns the file's path. */
export async function printReportPdf(clinic: Clinic, page: ReportPage): Promise<string> {
  const { rendererDir } = page
  const { executablePath } = reportPrerequisites(rendererDir)
  const out = resolve(page.out)
  try {
    privateFolder(dirname(out))
  } catch (error) {
    throw new ReportFailed(`Cannot create the folder ${dirname(out)}: ${(error as NodeJS.ErrnoException).code ?? error}`)
  }
  // Loaded only now: help and a mistyped command answer without them.
  const [{ chromium }, { startWebServer }] = await Promise.all([import('playwright-core'), import('./web')])
  const server = await startWebServer({ handlers: clinic.handlers, rendererDir, resourcesDir: resourcesFolder() })
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null
  try {
    try {
      const { sandbox, notice } = chromiumSandbox(process.getuid?.())
      if (notice) console.error(notice)
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, chromiumSandbox: sandbox })
    } catch (error) {
      throw new ReportFailed(`The browser engine ${executablePath} could not start: ${firstLine(error)}`)
    }
    const tab = await browser.newPage({ locale: page.language === 'de' ? 'de-DE' : 'en-GB' })
    await tab.addInitScript((language) => localStorage.setItem('backstride-locale', language), page.language)
    // The address with the token first (the app keeps it for the tab), then the report.
    await tab.goto(server.url)
    await tab.goto(`${server.origin}/#${page.route}`)
    const done = await tab
      .locator('[data-ready="true"], [data-testid="report-error"]')
      .first()
      .elementHandle({ timeout: READY_TIMEOUT_MS })
      .catch(() => null)
    if (!done) throw new ReportFailed(`The report did not finish loading within ${READY_TIMEOUT_MS / 1000} s`)
    if ((await done.getAttribute('data-testid')) === 'report-error') {
      throw new ReportFailed(((await done.textContent()) ?? 'The report could not be made').trim())
    }
    await tab.emulateMedia({ media: 'print' })
    try {
      await tab.pdf({ path: out, format: 'A4', printBackground: true })
      makePrivate(out)
    } catch (error) {
      throw new ReportFailed(`Cannot write ${out}: ${firstLine(error)}`)
    }
    return out
  } finally {
    await browser?.close().catch(() => undefined)
    await server.close()
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]
