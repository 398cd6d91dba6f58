/**
 * Every screen in both languages: each renders its main element with no page error, and a
 * screenshot is kept in test-results/screenshots/ for a person to look at.
 */
import { expect, test } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

test('every screen renders in Chinese and English', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await expect(page.getByTestId('demo-load')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/setup-zh.png` });
  await page.getByTestId('demo-load').click();
  await expect(page.getByTestId('demo-done')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('identity-name').fill('李静');
  await page.getByTestId('identity-region').selectOption({ label: '华东区 (EAST)' });
  await page.getByTestId('identity-save').click();

  for (const lang of ['zh', 'en'] as const) {
    await page.getByTestId('nav-scoring').click();
    await page.getByTestId(`lang-${lang}`).first().click();
    await expect(page.getByTestId('month-grid').getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/month-${lang}.png` });

    await page.getByTestId('month-grid').getByRole('row').nth(1).dblclick();
    await expect(page.getByTestId('total-monthly')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/sheet-${lang}.png`, fullPage: true });
    await page.getByTestId('back-button').click();

    await page.getByTestId('nav-roster').click();
    await page.getByTestId('roster-tab-people').click();
    await expect(page.getByTestId('roster-grid').getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/roster-${lang}.png` });
    await page.getByTestId('roster-tab-import').click();
    await page.screenshot({ path: `${SHOTS}/roster-import-${lang}.png` });

    await page.getByTestId('nav-rubrics').click();
    await expect(page.locator('[data-testid^="rubric-item-"]').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/rubrics-${lang}.png`, fullPage: true });

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/settings-${lang}.png`, fullPage: true });
  }
  expect(errors).toEqual([]);
});
