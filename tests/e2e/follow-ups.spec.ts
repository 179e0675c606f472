import { test, expect } from './fixtures'
import { daysAgo, enrollByApi } from './factories'

test('a due follow-up is recorded from the schedule and then shows as done', async ({ page, clinic }) => {
  // Started 27 days ago: the week 4 assessment is due today.
  await enrollByApi(clinic, { firstName: 'Sofia', lastName: 'Ricci', program: 'P3', enrolledOn: daysAgo(27) })
  await page.goto(clinic.url)
  await expect(page.getByRole('row').filter({ hasText: 'Ricci, Sofia' })).toContainText('Week 4')
  await page.getByRole('link', { name: 'Ricci, Sofia' }).click()

  const schedule = page.getByRole('region', { name: 'Follow-up schedule' })
  const week4 = schedule.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Week 4', exact: true }) })
  await expect(week4).toContainText('Due')
  await week4.getByRole('button', { name: /^Record/ }).click()
  const form = page.getByRole('form', { name: 'Week 4 assessment' })
  await form.getByLabel('Running pain (0–10)').fill('3')
  await form.getByLabel('Run 10 km (0–10)').fill('6')
  await form.getByLabel('Run downhill (0–10)').fill('5')
  await form.getByLabel('Run after a day of sitting (0–10)').fill('7')
  await form.getByRole('button', { name: 'Save assessment' }).click()

  await expect(week4).toContainText('Done')
  const assessments = page.getByRole('region', { name: 'Assessments' }).getByRole('row').filter({ hasText: 'Week 4' })
  await expect(assessments).toContainText('3')
  await expect(assessments).toContainText('6') // runability: mean of 6, 5, 7
})
