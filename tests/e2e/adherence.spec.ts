import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'

test('records a home week from the returned sheet and sees the adherence card update', async ({ page, clinic }) => {
  // Started 14 days ago: week 3 today, 2 weeks completed → 5 × 2 = 10 home sessions planned
  // (home sessions on the 5 days a week without a supervised session).
  await enrollByApi(clinic, { firstName: 'Lena', lastName: 'Vogt', program: 'P2', enrolledOn: daysAgo(14) })
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Vogt, Lena' }).click()

  const card = page.getByRole('region', { name: 'Adherence' })
  await expect(card.getByTestId('adherence-home')).toContainText('0%')
  await expect(card.getByTestId('adherence-home')).toContainText('0 of 10')

  const homeLog = page.getByRole('region', { name: 'Home exercise log' })
  await homeLog.getByRole('button', { name: 'Record home log' }).click()
  const form = page.getByRole('form', { name: 'Home log from the sheet' })
  // The sheet comes back the week after: week 2 is offered first.
  await expect(form.getByLabel('Program week')).toHaveValue('2')
  const done = form.getByRole('checkbox')
  const pain = form.getByRole('spinbutton')
  await expect(done).toHaveCount(7)
  await done.nth(0).check()
  await pain.nth(0).fill('11')
  await form.getByRole('button', { name: 'Save home log' }).click()
  await expect(form.getByText('The score must be between 0 and 10')).toBeVisible()

  await pain.nth(0).fill('3')
  await done.nth(2).check()
  await pain.nth(2).fill('2')
  // Keyboard: tab from the pain box to the next day's checkbox and tick it with the space bar.
  await pain.nth(3).focus()
  await page.keyboard.press('Tab')
  await expect(done.nth(4)).toBeFocused()
  await page.keyboard.press('Space')
  await form.getByRole('button', { name: 'Save home log' }).click()

  await expect(form.getByRole('status')).toHaveText('Home log of week 2 saved.')
  await expect(card.getByTestId('adherence-home')).toContainText('30%')
  await expect(card.getByTestId('adherence-home')).toContainText('3 of 10')
  // The home log has its own section, one row per program week; the visits' table stays for visits.
  // Week 2: 3 days done of P2's 5 planned; pain 3 and 2 written down (the third day without) → median 2.5.
  const weeks = homeLog.getByRole('table', { name: 'Home exercise log' }).getByRole('row')
  await expect(weeks).toHaveCount(4) // header + weeks 1 to 3 (today is in week 3)
  await expect(weeks.nth(1)).toContainText('not logged')
  await expect(weeks.nth(2).getByRole('cell')).toHaveText([/–/, '3 of 5', '2.5', /^Void/])
  const visits = page.getByRole('region', { name: 'Supervised sessions' })
  await expect(visits).toContainText('No sessions recorded yet.')
  await expect(visits.getByRole('row')).toHaveCount(0)
  // The chart shows home pain as one weekly median, not a point per day.
  await expect(page.getByTestId('chart-table').getByRole('row').filter({ hasText: 'Home pain (weekly median)' })).toHaveCount(1)
  await expect(page.getByTestId('chart-table').getByRole('row').filter({ hasText: 'Pain before session' })).toHaveCount(0)
})
