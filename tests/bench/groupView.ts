import { chromium } from '@playwright/test'
import { existsSync } from 'node:fs'
import { CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORT } from '../e2e/chromium'
import { startServer, stop, WEB_SERVER } from '../e2e/browserMode'
import { median } from './timing'

/** The account the benchmark signs in as (set up on the benchmark's own database). */
const ACCOUNT = { username: 'bench.lead', displayName: 'Bench Lead', password: 'bench password 1' }

interface VisitTiming {
  /** From the click on "Compare programs" to the comparison's response, in the page's own clock. */
  responseMs: number
  /** From the click to the first frame painted with the charts and the patient count on screen. */
  renderedMs: number
}

/*
 * One visit, timed inside the page (no round trip to the test process counted):
 * click the navigation link, then check every animation frame until the
 * comparison's response has arrived and its charts and count are in the page;
 * the next frame is the first one painted with them. A string, so that no
 * helper of the bundler that runs this file leaks into the page.
 */
const VISIT = `new Promise((resolve) => {
  const start = performance.now()
  document.querySelector('a[href="#/comparison"]').click()
  const check = () => {
    const response = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/outcomes/compare') && e.startTime >= start)
    const drawn = document.querySelector('[data-testid=chart-change]') && document.querySelector('[data-testid=comparison-count]')
    if (!response || !drawn) return requestAnimationFrame(check)
    requestAnimationFrame(() => resolve({ responseMs: response.responseEnd - start, renderedMs: performance.now() - start }))
  }
  requestAnimationFrame(check)
})`

/**
 * The group comparison view in browser mode on the benchmark's database: the
 * built server (out/main/web.js) on that file, Chromium headless, the view
 * opened from the patient list `rounds` times with the server idle before each
 * visit. Returns the median times, or why it could not be measured.
 */
export type GroupViewTiming = { rounds: number; responseMs: number; renderedMs: number } | { skipped: string }

export async function measureGroupView(dbFile: string, rounds = 5): Promise<GroupViewTiming> {
  if (!existsSync(WEB_SERVER)) return { skipped: `${WEB_SERVER} is missing: run npm run build first` }
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH} (set BACKSTRIDE_CHROMIUM)` }
  const server = await startServer(dbFile)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const url = new URL(server.url)
    const call = (channel: string, input: unknown) =>
      fetch(`${url.origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-backstride-token': url.hash.replace('#token=', '') },
        body: JSON.stringify(input),
      }).then((response) => response.json() as Promise<{ ok: boolean }>)
    if (!(await call('auth/setup', ACCOUNT)).ok) throw new Error('the benchmark could not set up its account')

    const page = await browser.newPage({ viewport: VIEWPORT })
    let inFlight = 0
    page.on('request', () => inFlight++)
    page.on('requestfinished', () => inFlight--)
    page.on('requestfailed', () => inFlight--)
    const serverIdle = async () => {
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await page.goto(server.url)

    const visit = async () => {
      await page.getByRole('link', { name: 'Patients' }).first().click()
      await page.getByRole('link', { name: 'Compare programs' }).waitFor()
      await serverIdle()
      return (await page.evaluate(VISIT)) as VisitTiming
    }
    await visit() // the first visit loads the view's code and warms the server up
    const visits: VisitTiming[] = []
    for (let i = 0; i < rounds; i++) visits.push(await visit())
    return {
      rounds,
      responseMs: median(visits.map((timing) => timing.responseMs)),
      renderedMs: median(visits.map((timing) => timing.renderedMs)),
    }
  } finally {
    await browser.close()
    await stop(server.child)
  }
}
