/**
 * The monthly scoring flow a regional manager goes through, in a real browser against browser
 * mode on a real temporary database.
 */
import type { Page } from '@playwright/test';
import { expect, firstRun, test } from './fixtures.ts';

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** First run: load the demo, say who we are (a regional manager of the first region). */
async function setUpAsManager(page: Page, url: string) {
  await firstRun(page, url, { name: '李静', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
}

test('score a salesperson: two dealer violations, a late ad plan, a half day; totals live; saved across a reload', async ({ page, app }) => {
  await setUpAsManager(page, app.url);
  await expect(page.getByTestId('current-user')).toContainText('李静');

  // The current month has no sheets yet: every total starts from full marks.
  await page.getByTestId('month-picker-next').click();
  const grid = page.getByTestId('month-grid');
  const row = grid.getByRole('row').filter({ hasText: '销售员' }).first();
  const name = (await row.getByRole('gridcell').nth(1).textContent())!.trim();
  await row.dblclick();

  await expect(page.getByTestId('sheet-person')).toContainText(name);
  await expect(page.getByTestId('total-daily')).toContainText('100');
  await expect(page.getByTestId('total-monthly')).toContainText('100');

  await page.getByTestId('input-dealer.network-plan-violated').click();
  await expect(page.getByTestId('total-daily')).toContainText('95');
  await page.getByTestId('input-dealer.special-issues-violated').click();
  await expect(page.getByTestId('total-daily')).toContainText('90');

  // The ad plan is due on the 13th: handed in on the 14th, it deducts 2 by itself.
  await page.getByTestId('handin-ad-plan').fill(`${thisMonth()}-14`);
  await expect(page.getByTestId('late-ad-plan')).toBeVisible();
  await expect(page.getByTestId('total-daily')).toContainText('88');

  await page.getByTestId('absence-add-half').click();
  await expect(page.getByTestId('total-attendance')).toContainText('96');
  // A date outside the month is named at the field, in the UI's language (the rule, not the backend's English).
  const [year, month] = thisMonth().split('-').map(Number) as [number, number];
  const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  await page.getByTestId('absence-0-date').fill(`${nextMonth}-01`);
  await expect(page.getByTestId('absence-0')).toContainText(`要求 ${thisMonth()} 月内的日期`);
  await page.getByTestId('absence-0').screenshot({ path: 'test-results/screenshots/sheet-absence-problem-zh.png' });
  await page.getByTestId('absence-0-date').fill('');
  await expect(page.getByTestId('absence-0')).not.toContainText('要求');
  await expect(page.getByTestId('total-monthly')).toContainText('90.4'); // 88 × 70% + 96 × 30%

  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('save-state')).toContainText('保存');
  await expect(page.getByTestId('save-state')).not.toContainText('未保存');
  await expect(page.getByTestId('save-state')).not.toContainText('正在');

  await page.reload();
  await expect(page.getByTestId('total-daily')).toContainText('88');
  await expect(page.getByTestId('total-attendance')).toContainText('96');
  await expect(page.getByTestId('total-monthly')).toContainText('90.4');
  await expect(page.getByTestId('input-dealer.network-plan-violated')).toBeChecked();

  // Back in the grid the row shows the saved numbers.
  await page.getByTestId('back-button').click();
  await expect(grid.getByRole('row').filter({ hasText: name })).toContainText('90.4');
});

test('switch the language at run time, grid texts included', async ({ page, app }) => {
  await setUpAsManager(page, app.url);
  await expect(page.getByTestId('nav-scoring')).toContainText('月度评分');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-scoring')).toContainText('Monthly scoring');
  await expect(page.getByTestId('month-grid').getByRole('row').filter({ hasText: 'Salesperson' }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('nav-scoring')).toContainText('Monthly scoring'); // saved
  await page.getByTestId('lang-zh').click();
  await expect(page.getByTestId('nav-scoring')).toContainText('月度评分');
});
