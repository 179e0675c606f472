import type { Page } from '@playwright/test'
import { test, expect, type BrowserModeClinic } from './fixtures'
import type { DeliveryResult, GroupComparisonResult } from '../../electron/clinic/contract'
import type { ProgramCode } from '../../electron/clinic/domain/vocabulary'
import { comparisonFigure } from './screens'

const PROGRAMS: ProgramCode[] = ['P1', 'P2', 'P3']

/** The figures as the screen shows them in English: two decimals, "—" where there is none. */
const fixed = (value: number | null) =>
  value === null ? '—' : new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)

/** The comparison as the clinic computes it, demo data included. */
async function compare(clinic: BrowserModeClinic, filter: object) {
  const result = await clinic.call<GroupComparisonResult>('outcomes/compare', { includeDemo: true, ...filter })
  if (!result.ok) throw new Error(`outcomes/compare failed: ${result.error.message}`)
  return result.value
}

/** Which programs' colours (read from the page's theme) appear on the chart's canvas: one line or bar per program drawn. */
const programsDrawn = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement, programs: string[]) => {
    const css = getComputedStyle(document.documentElement)
    const context = canvas.getContext('2d')
    if (!context || canvas.width === 0) return []
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    return programs.filter((code) => {
      const hex = css.getPropertyValue(`--program-${code.toLowerCase()}`).trim()
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
      let pixels = 0
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30 && data[i + 3] > 200) pixels++
      }
      return pixels > 50
    })
  }, PROGRAMS)

/** One row of a score table: a program at a time point. */
const scoreRow = (page: Page, measure: string, program: ProgramCode, timePoint: string) =>
  page.getByTestId(`scores-${measure}`).locator(`tbody[data-program="${program}"] tr[data-time-point="${timePoint}"]`)

test.describe('on the demo cohort', () => {
  test.use({ demoCohort: true })

  test('a clinic lead compares the three programs: charts, figures equal to the clinic’s, a filter changes n', async ({
    page,
    clinic,
  }) => {
    const all = await compare(clinic, {})
    await page.goto(clinic.url)
    await page.getByRole('link', { name: 'Compare programs' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Compare programs' })).toBeVisible()

    // Demo data is included by default when the clinic holds some, and the screen says so plainly.
    await expect(page.getByLabel('Include demo data')).toBeChecked()
    await expect(page.getByTestId('demo-banner')).toHaveText('Includes simulated demo data — not real patients')
    await expect(page.getByRole('status').getByText(/^The comparison includes/)).toHaveText('The comparison includes 84 patients with a program')

    // Each chart is labelled and draws all three program groups.
    await expect(page.getByRole('img', { name: /^Line chart of mean Running pain/ })).toBeVisible()
    // It opens at the latest follow-up with a change in every program for both measures (six months once reached);
    // every follow-up is one click away.
    const FOLLOW_UPS = [['week_4', 'Week 4'], ['week_8', 'Week 8'], ['month_3', '3 months after'], ['month_6', '6 months after']] as const
    const complete = FOLLOW_UPS.filter(([timePoint]) =>
      (['runningPain', 'runability'] as const).every((measure) =>
        PROGRAMS.every((program) => all.comparison.measures[measure].followUps[timePoint].change[program].n > 0),
      ),
    )
    const [, opensAt] = complete.at(-1) ?? FOLLOW_UPS[1]
    const followUp = page.getByRole('group', { name: 'Follow-up' })
    await expect(followUp.getByRole('radio', { name: opensAt })).toBeChecked()
    await expect(page.getByRole('img', { name: new RegExp(`^Bar chart of mean change from baseline to ${opensAt}`) })).toBeVisible()
    await followUp.getByRole('radio', { name: 'Week 8' }).click()
    await expect(page.getByRole('img', { name: /^Bar chart of mean change from baseline to Week 8/ })).toBeVisible()
    for (const chart of ['chart-runningPain', 'chart-runability', 'chart-change']) {
      await expect.poll(() => programsDrawn(page, chart)).toEqual(PROGRAMS)
    }

    // The tables show the clinic's figures: n and mean per program at baseline and week 8, change and responders at week 8.
    for (const program of PROGRAMS) {
      for (const timePoint of ['baseline', 'week_8'] as const) {
        const expected = all.comparison.measures.runningPain.scores[program][timePoint]
        const row = scoreRow(page, 'runningPain', program, timePoint)
        await expect(row.locator('[data-stat=n]')).toHaveText(String(expected.n))
        await expect(row.locator('[data-stat=mean]')).toHaveText(fixed(expected.mean))
      }
      const runability = all.comparison.measures.runability.scores[program].week_8
      await expect(scoreRow(page, 'runability', program, 'week_8').locator('[data-stat=sd]')).toHaveText(fixed(runability.sd))
      const change = all.comparison.measures.runningPain.followUps.week_8.change[program]
      const changeRow = page.getByTestId('change-table').locator(`tbody[data-measure=runningPain] tr[data-program="${program}"]`)
      await expect(changeRow.locator('[data-stat=mean]')).toHaveText(fixed(change.mean))
      const responders = all.comparison.measures.runningPain.followUps.week_8.responders![program]
      await expect(page.getByTestId('responders-runningPain').locator(`tr[data-program="${program}"] [data-stat=responders]`)).toHaveText(
        String(responders.responders),
      )
    }

    // Adherence and fidelity follow the comparison, one row per program with the clinic's runner count.
    const delivery = await clinic.call<DeliveryResult>('outcomes/fidelity', { includeDemo: true })
    if (!delivery.ok) throw new Error(`outcomes/fidelity failed: ${delivery.error.message}`)
    for (const row of delivery.value.programs) {
      await expect(page.getByTestId('delivery-table').locator(`tr[data-program="${row.programCode}"] [data-stat=n]`)).toHaveText(String(row.patients))
    }
    await expect(page.getByTestId('delivery-loading')).toHaveCount(0)

    // Each chart can be saved as a picture.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save as PNG: Running pain over time' }).click()
    expect((await download).suggestedFilename()).toMatch(/^backstride-runningPain-\d{4}-\d{2}-\d{2}\.png$/)

    // Only women: n falls, as the clinic counts it.
    const women = await compare(clinic, { sex: 'female' })
    expect(women.patients).toBeGreaterThan(0)
    expect(women.patients).toBeLessThan(all.patients)
    await page.getByLabel('Sex').selectOption('female')
    await expect(page.getByRole('status').getByText(/^The comparison includes/)).toHaveText(`The comparison includes ${women.patients} patients with a program`)
    for (const program of PROGRAMS) {
      const baseline = women.comparison.measures.runningPain.scores[program].baseline
      await expect(scoreRow(page, 'runningPain', program, 'baseline').locator('[data-stat=n]')).toHaveText(String(baseline.n))
      await expect(scoreRow(page, 'runningPain', program, 'baseline').locator('[data-stat=mean]')).toHaveText(fixed(baseline.mean))
    }
    await expect(await comparisonFigure(page, 'Attendance and drop-out', 'P1', 'n')).toHaveText(String(women.comparison.attendance.P1.n))
  })
})

test('without demo data nothing is included or announced, and a contradictory filter shows the clinic’s message at its field', async ({
  page,
  clinic,
}) => {
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Compare programs' }).click()
  await expect(page.getByRole('heading', { name: 'Nothing to compare' })).toBeVisible()
  await expect(page.getByLabel('Include demo data')).not.toBeChecked()
  await expect(page.getByTestId('demo-banner')).toHaveCount(0)

  await page.getByLabel('Runs per week, at least').fill('5')
  await page.getByLabel('Runs per week, at most').fill('3')
  await expect(page.getByLabel('Runs per week, at most')).toHaveAccessibleDescription(
    /The lowest runs per week must not be above the highest/,
  )
  await page.getByLabel('Runs per week, at most').fill('6')
  await expect(page.getByLabel('Runs per week, at most')).not.toHaveAttribute('aria-invalid', 'true')
})
