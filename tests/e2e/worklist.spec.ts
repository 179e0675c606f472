import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'

test('the Today screen lists a due assessment and opens its form', async ({ page, clinic }) => {
  // Started 27 days ago: the week 4 assessment is due today.
  await enrollByApi(clinic, { firstName: 'Sofia', lastName: 'Ricci', program: 'P3', enrolledOn: daysAgo(27) })
  await page.goto(clinic.url)
  await page.getByRole('link', { name: 'Today' }).click()
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible()

  const assessments = page.getByRole('region', { name: /Follow-up assessments/ })
  await expect(assessments).toContainText('Ricci, Sofia')
  await assessments.getByRole('link', { name: /Record Week 4/ }).click()

  const form = page.getByRole('form', { name: 'Week 4 assessment' })
  await expect(form).toBeVisible()
  await form.getByLabel('Running pain (0–10)').fill('3')
  await form.getByLabel('Run 10 km (0–10)').fill('6')
  await form.getByLabel('Run downhill (0–10)').fill('5')
  await form.getByLabel('Run after a day of sitting (0–10)').fill('7')
  await form.getByRole('button', { name: 'Save assessment' }).click()
  const schedule = page.getByRole('region', { name: 'Follow-up schedule' })
  await expect(schedule.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Week 4', exact: true }) })).toContainText('Done')

  // Back on Today, the assessment is no longer listed.
  await page.getByRole('link', { name: 'Today' }).click()
  await expect(page.getByRole('region', { name: /Follow-up assessments/ })).toHaveCount(0)
})
