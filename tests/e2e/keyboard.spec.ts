import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'

/** The focused element's accessible label (its label, or the legend of its radio group) and whether focus is visible. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    const style = getComputedStyle(el)
    const own = (el as HTMLInputElement).labels?.[0]?.textContent?.trim() || el.textContent?.trim() || ''
    const group = (el as HTMLInputElement).type === 'radio' ? el.closest('fieldset')?.querySelector('legend')?.textContent?.trim() : null
    const label = group ? `${group}: ${own}` : own
    return { label, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 }
  })
}

/**
 * Presses Tab until the focus leaves the current field (Tab walks through the day, month and
 * year of a date field first) and returns what took it, failing if its focus ring is not visible.
 */
async function tab(page: Page) {
  const before = (await focused(page)).label
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    expect(now.visible, `focus ring on "${now.label}"`).toBe(true)
    if (now.label !== before) return now.label
  }
  throw new Error(`the focus stays on "${before}"`)
}

test('enrolls the details step by keyboard alone, in reading order, with a visible focus ring', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible()
  await page.keyboard.press('Alt+N')
  await expect(page.getByRole('heading', { level: 2, name: 'Details' })).toBeFocused()

  expect(await tab(page)).toBe('Date of enrollment')
  expect(await tab(page)).toMatch(/^Clinic ID/)
  expect(await tab(page)).toBe('First name')
  await page.keyboard.type('Tom')
  expect(await tab(page)).toBe('Last name')
  await page.keyboard.type('Huber')
  expect(await tab(page)).toBe('Date of birth')
  await page.keyboard.type('12/04/1988')
  expect(await tab(page)).toBe('Sex: Female')
  await page.keyboard.press('Space')
  expect(await tab(page)).toMatch(/^Phone/)
  expect(await tab(page)).toMatch(/^E-mail/)
  expect(await tab(page)).toMatch(/^Preferred language: /)
  await page.keyboard.press('Space')
  expect(await tab(page)).toBe('Next')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Running profile' })).toBeFocused()
  await page.getByRole('button', { name: 'Details' }).click()
  await expect(page.getByLabel('Female')).toBeChecked()
  await expect(page.getByLabel('Date of birth')).toHaveValue('12/04/1988')
})

test('records a session by keyboard alone: Alt+S on the patient page, Tab through the scores, Enter saves', async ({ page, clinic }) => {
  const { patientId } = await enrollByApi(clinic, { firstName: 'Mara', lastName: 'Keller', enrolledOn: daysAgo(10) })
  await page.goto(clinic.url)
  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
  await page.keyboard.press('Alt+S')
  await expect(page.getByRole('heading', { level: 1, name: /Record a session/ })).toBeVisible()

  await page.getByLabel('Date of the session').focus()
  await page.getByLabel('Date of the session').fill(daysAgo(0))
  expect(await tab(page)).toBe('Did the runner attend?: Yes')
  await page.keyboard.press('Space')
  expect(await tab(page)).toBe('Pain before the session (0–10)')
  await page.keyboard.type('5')
  expect(await tab(page)).toBe('Pain after the session (0–10)')
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
})

test('shortcuts: ? lists them, Ctrl+K searches, Alt+N enrolls, Alt+P opens the sheet, and ? is typed in a field', async ({ page, clinic }) => {
  const { patientId } = await enrollByApi(clinic, { firstName: 'Mara', lastName: 'Keller' })
  await page.goto(clinic.url)
  await page.goto(`${clinic.origin}/#/settings`)
  // The Settings heading, not any: the patient list's would let the test run on before the router
  // has left it, and the late move to Settings would then clear the notice checked below.
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()

  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help.getByRole('row', { name: /Alt\+N Enroll a new patient/ })).toBeVisible()
  await expect(help.getByRole('row', { name: /Ctrl\+K Search patients/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()

  await page.keyboard.press('Control+K')
  const search = page.getByLabel('Search by name or clinic ID')
  await expect(search).toBeFocused()
  await page.keyboard.type('Who?')
  await expect(search).toHaveValue('Who?')
  await expect(help).toBeHidden()

  await page.keyboard.press('Alt+S')
  await expect(page.getByRole('status').filter({ hasText: 'Open a patient first.' })).toBeVisible()
  await page.keyboard.press('Alt+N')
  await expect(page.getByRole('heading', { level: 1, name: 'Enroll new patient' })).toBeVisible()

  await page.goto(`${clinic.origin}/#/patients/${patientId}`)
  await expect(page.getByRole('heading', { level: 1, name: /Mara Keller/ })).toBeVisible()
  await page.keyboard.press('Alt+P')
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible()
})

test('the shortcuts help is in German too', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await page.getByLabel('Language').selectOption('de')
  await page.locator('body').press('?')
  const help = page.getByRole('dialog', { name: 'Tastenkürzel' })
  await expect(help.getByRole('row', { name: /Alt\+N Neuen Patienten aufnehmen/ })).toBeVisible()
  await help.getByRole('button', { name: 'Schließen' }).click()
  await expect(help).toBeHidden()
})
