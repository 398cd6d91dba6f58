/**
 * What a bad value does on the sheet screen, at 1366×768 in both languages: it is refused at its
 * field and never blanks the screen. A minus typed into an empty count is a minus ("-1", refused),
 * not a step down ("01"); an item whose field holds an invalid value shows "—", not its last valid
 * points; the problem list names fields in the UI's language; dates show as YYYY-MM-DD (not the
 * browser's mm/dd/yyyy); a negative actual quantity is refused at its field (it once replaced the
 * whole screen with "roundHalfUp expects a non-negative value"); a salary typed "12,345.67" is read
 * as the import reads it; and a section that cannot be rendered shows "此部分无法显示" in its place
 * while the rest of the screen works.
 */
import type { Page } from '@playwright/test';
import { expect, firstRun, test } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

test.use({ viewport: { width: 1366, height: 768 } });

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** A regional manager opens a salesperson's sheet of the current month (nothing recorded yet). */
async function openSheet(page: Page, url: string) {
  await firstRun(page, url, { name: '李静', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
  await page.getByTestId('month-picker-next').click();
  await page.getByTestId('month-grid').getByRole('row').filter({ hasText: '销售员' }).first().dblclick();
  await expect(page.getByTestId('total-monthly')).toContainText('100');
}

/** Page errors (an uncaught render error is one) seen while the test runs. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the sheet editor refuses bad values at their fields: a typed minus, a value over the maximum, a date; words them in both languages', async ({ page, app }) => {
  const errors = pageErrors(page);
  await openSheet(page, app.url);
  const month = thisMonth();

  // A minus typed into an empty count is the start of "-1", refused at the field — never a step down to 0 and then "01".
  const count = page.getByTestId('input-ad-plan-occurrences');
  await count.click();
  await count.press('End');
  await page.keyboard.type('-1');
  await expect(count).toHaveValue('-1');
  await expect(page.getByTestId('item-ad-plan')).toContainText('当前值 -1');
  // Holding a number, the minus key types a minus, and ↑/↓ step nothing: no key changes a value by itself.
  await count.fill('2');
  await count.press('ArrowUp');
  await count.press('ArrowDown');
  await expect(count).toHaveValue('2');
  await count.press('End');
  await count.press('-');
  await expect(count).toHaveValue('2-');
  await expect(page.getByTestId('item-ad-plan')).toContainText('当前值 "2-"');
  await count.fill('');

  // 11 in a 0–10 field: the card shows that its value is invalid, not the last valid points.
  const visits = page.getByTestId('input-weekly-report.visit-records-points');
  await visits.fill('1');
  await expect(page.getByTestId('points-weekly-report.visit-records')).toContainText('1 / 10');
  await visits.fill('11');
  const card = page.getByTestId('points-weekly-report.visit-records');
  await expect(card).toHaveAttribute('data-invalid', 'true');
  await expect(card).toContainText('—');
  await expect(card).not.toContainText('1 / 10');
  await expect(card).toContainText('请更正标红的值');

  // An absence's date: typed as text, shown as YYYY-MM-DD; a day alone is the day of the sheet's month.
  await page.getByTestId('absence-add-full').click();
  const date = page.getByTestId('absence-0-date');
  await expect(date).toHaveAttribute('placeholder', '年-月-日');
  await expect(date).not.toHaveAttribute('type', 'date');
  await date.fill(`${month}-32`);
  const problems = page.getByTestId('sheet-problems');
  await expect(problems).toContainText('客户拜访纪实 · 得分: 当前值 11');
  await expect(problems).toContainText('第 1 次缺勤 · 日期: 当前值');
  const zhText = (await problems.textContent()) ?? '';
  expect(zhText).not.toMatch(/\b(points|absences|date|items|handIns|occurrences)\b/);
  await page.getByTestId('item-weekly-report.visit-records').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/sheet-invalid-value-zh.png` });

  await date.fill('14');
  await date.blur();
  await expect(date).toHaveValue(`${month}-14`);
  // The hand-in date the other e2e specs fill as YYYY-MM-DD still reads (the 14th is late for the 13th).
  await page.getByTestId('handin-ad-plan').fill(`${month}-14`);
  await expect(page.getByTestId('handins-ad-plan')).toContainText('逾期');

  await page.getByTestId('lang-en').first().click();
  await expect(date).toHaveValue(`${month}-14`);
  await expect(problems).toContainText('Customer visit records · points: got 11');
  await expect(card).toContainText('fix the marked value');
  await date.fill('abc');
  await expect(problems).toContainText('Absence 1 · date: got "abc"');
  await page.getByTestId('item-weekly-report.visit-records').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/sheet-invalid-value-en.png` });
  await expect(page.getByTestId('absence-0-date')).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  expect(errors).toEqual([]);
});

test('the figures panel refuses a negative actual quantity at its field and reads a salary as the import does', async ({ page, app }) => {
  const errors = pageErrors(page);
  await openSheet(page, app.url);
  const panel = page.getByTestId('figures-panel');
  await page.getByTestId('figures-salary').fill('12,345.67');
  await page.getByTestId('figures-kpi-plan-quantity').fill('200');
  await page.getByTestId('figures-kpi-actual-quantity').fill('-5');
  // Refused where it is typed, before any save; the screen stays.
  await expect(panel).toContainText('应为 0 到 1,000,000,000 之间的数，最多 4 位小数');
  await expect(page.getByTestId('figures-completion')).toHaveText('—');
  await expect(page.getByTestId('figures-completion-none')).toHaveText('请更正标红的数量');
  await expect(page.getByTestId('sheet-items')).toBeVisible();
  // The salary "12,345.67" is a number (as in an imported file), not marked.
  await expect(panel).not.toContainText('应为 0 到 10,000,000');
  await page.getByTestId('figures-save').click();
  await expect(page.getByTestId('figures-fix')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/figures-negative-zh.png` });

  await page.getByTestId('lang-en').first().click();
  await expect(panel).toContainText('A number from 0 to 1,000,000,000, at most 4 decimals');
  await expect(page.getByTestId('figures-completion-none')).toHaveText('correct the marked quantity');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/figures-negative-en.png` });

  await page.getByTestId('figures-kpi-actual-quantity').fill('150');
  await expect(page.getByTestId('figures-completion')).toHaveText('75%');
  await page.getByTestId('figures-save').click();
  await expect(page.getByTestId('figures-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('figures-salary')).toHaveValue('12345.67');
  expect(errors).toEqual([]);
});

test('a section that cannot be rendered shows its error in place; the rest of the sheet screen works', async ({ page, app }) => {
  // A bad value reaching two sections: an item naming a department that does not exist, and figures without their KPIs.
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postDataJSON() as { name?: string };
    if (body?.name !== 'sheets.get' && body?.name !== 'figures.month') return route.continue();
    const response = await route.fetch();
    const answer = (await response.json()) as { ok: boolean; result: unknown };
    if (answer.ok && body.name === 'sheets.get') {
      const visit = (nodes: { id: string; children?: unknown[]; assessedBy?: string[] }[]) => {
        for (const node of nodes) {
          if (node.id === 'weekly-report.visit-records') node.assessedBy = ['no-such-department'];
          if (node.children) visit(node.children as never);
        }
      };
      visit((answer.result as { rubric: { items: never } }).rubric.items);
    }
    if (answer.ok && body.name === 'figures.month') for (const f of answer.result as { kpis: unknown }[]) f.kpis = null;
    await route.fulfill({ response, json: answer });
  });
  await openSheet(page, app.url);

  const broken = page.getByTestId('section-failed-item-weekly-report.visit-records');
  await expect(broken).toBeVisible();
  await expect(broken).toHaveText(/此部分无法显示/);
  await expect(page.getByTestId('section-failed-figures')).toHaveText(/此部分无法显示/);
  // The rest works: other items, the totals, scoring.
  await page.getByTestId('input-dealer.network-plan-violated').click();
  await expect(page.getByTestId('total-daily')).toContainText('95');
  await expect(page.getByTestId('absences')).toBeVisible();
  // The error states say nothing in English.
  for (const text of [await broken.textContent(), await page.getByTestId('section-failed-figures').textContent()]) expect(text).not.toMatch(/[A-Za-z]{3,}/);
  await broken.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/sheet-section-failed-zh.png` });
  // Retry renders the section again (still broken here: the same message, the screen still there).
  await broken.getByRole('button').click();
  await expect(broken).toBeVisible();
  await page.getByTestId('lang-en').first().click();
  await expect(broken).toHaveText(/This part could not be shown/);
  await page.screenshot({ path: `${SHOTS}/sheet-section-failed-en.png` });
});

test('a report view that cannot be rendered shows its error in place; the tabs and the other views work', async ({ page, app }) => {
  // A bad value reaching the KPI view: the month's figures without their KPIs.
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postDataJSON() as { name?: string };
    if (body?.name !== 'figures.month') return route.continue();
    const response = await route.fetch();
    const answer = (await response.json()) as { ok: boolean; result: { kpis: unknown }[] };
    if (answer.ok) for (const f of answer.result) f.kpis = null;
    await route.fulfill({ response, json: answer });
  });
  await firstRun(page, app.url, { name: '人力资源部 周敏', role: 'hr' });
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-tab-kpis').click();
  const broken = page.getByTestId('section-failed-reports-kpis');
  await expect(broken).toHaveText(/此部分无法显示/);
  await expect(page.getByTestId('reports-tab-pay')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/reports-section-failed-zh.png` });
  await page.getByTestId('reports-tab-annual').click();
  await expect(page.getByTestId('annual-grid')).toBeVisible();
  await expect(broken).toHaveCount(0);
});
