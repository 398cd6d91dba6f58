/**
 * Salary totals and KPIs: typed on a sheet (kept after a reload), imported from a CSV (a bad row
 * blocks the file, nothing written; fixed, it imports), and a new pay settings version.
 * Screenshots of the panel, the import preview and the settings section in both languages.
 */
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const SHOTS = 'test-results/screenshots';

const lastMonth = () => {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

test('type a salary and KPIs on a sheet; they are there after a reload', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await firstRun(page, app.url, { name: '王磊', region: '华东区 (EAST)' });
  await page.getByTestId('month-grid').getByRole('row').nth(1).dblclick();
  const panel = page.getByTestId('figures-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('不计入考核得分');

  await page.getByTestId('figures-salary').fill('12345.67');
  await page.getByTestId('figures-kpi-plan-quantity').fill('200');
  await page.getByTestId('figures-kpi-actual-quantity').fill('150');
  await expect(page.getByTestId('figures-completion')).toHaveText('75%');
  // Out of range: marked at the field, nothing saved.
  await page.getByTestId('figures-kpi-complaint-rate').fill('150');
  await page.getByTestId('figures-save').click();
  await expect(panel).toContainText('应为 0 到 100 之间的数，最多 2 位小数');
  await page.getByTestId('figures-kpi-complaint-rate').fill('1.5');
  await page.getByTestId('figures-kpi-satisfaction').fill('92.25');
  await page.getByTestId('figures-save').click();
  await expect(page.getByTestId('figures-saved')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SHOTS}/figures-panel-zh.png` });

  await page.reload();
  await expect(page.getByTestId('figures-salary')).toHaveValue('12345.67');
  await expect(page.getByTestId('figures-kpi-plan-quantity')).toHaveValue('200');
  await expect(page.getByTestId('figures-kpi-actual-quantity')).toHaveValue('150');
  await expect(page.getByTestId('figures-kpi-complaint-rate')).toHaveValue('1.5');
  await expect(page.getByTestId('figures-kpi-satisfaction')).toHaveValue('92.25');
  await expect(page.getByTestId('figures-completion')).toHaveText('75%');

  await page.getByTestId('lang-en').first().click();
  await expect(panel).toContainText('never part of the score');
  await expect(panel).toContainText('Customer satisfaction (%)');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SHOTS}/figures-panel-en.png` });
  expect(errors).toEqual([]);
});

test('import a salary/KPI CSV: a bad row blocks it and nothing is written; fixed, it imports', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  const period = lastMonth();
  const people = await callHttp(app.origin, app.token, 'people.list', {});
  const li = people.find((p) => p.employeeNo === 'S-101')!;
  const salaryOf = async () => (await callHttp(app.origin, app.token, 'figures.month', { period })).find((f) => f.personId === li.id)!.salaryTotal;
  const before = await salaryOf();
  expect(before).not.toBeNull(); // the demo recorded one

  await page.getByTestId('nav-roster').click();
  await page.getByTestId('roster-tab-figures').click();
  await expect(page.getByTestId('figures-import-month')).toHaveValue(period);
  const bad = `工号,姓名,工资总额,客户满意度,销售计划数量\r\nS-101,李静,"9,876.54",95,120\r\nX-999,,5000,,\r\nS-102,,8000,101,\r\n`;
  await page.getByTestId('figures-import-input').setInputFiles({ name: '工资.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  const preview = page.getByTestId('figures-preview');
  await expect(preview).toContainText('X-999');
  await expect(preview).toContainText('名册中已有的工号(名册中没有这个工号)'); // in the UI's language
  await expect(preview).toContainText('客户满意度');
  await expect(page.getByTestId('figures-preview-errors')).toContainText('2');
  await expect(page.getByTestId('figures-import-confirm')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/figures-import-zh.png`, fullPage: true });
  await page.getByTestId('lang-en').first().click();
  await expect(preview).toContainText('Customer satisfaction 95%');
  await expect(preview).toContainText('the employee number of a person in the roster (no one has this one)');
  await page.screenshot({ path: `${SHOTS}/figures-import-en.png`, fullPage: true });
  expect(await salaryOf()).toBe(before);

  const good = `工号,姓名,工资总额,客户满意度,销售计划数量\r\nS-101,李静,"9,876.54",95,120\r\nS-102,,8000,99,\r\n`;
  await page.getByTestId('figures-import-input').setInputFiles({ name: 'salary.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
  await expect(page.getByTestId('figures-preview-errors')).toContainText('0');
  await page.getByTestId('figures-import-confirm').click();
  await expect(page.getByTestId('figures-import-done')).toContainText('2 updated');
  expect(await salaryOf()).toBe(9876.54);
});

test('add a pay settings version in force from a month', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  await page.getByTestId('nav-settings').click();
  const section = page.locator('section', { has: page.getByTestId('pay-settings') });
  await expect(page.getByTestId('pay-version-0')).toContainText('50 / 35 / 15');
  await page.getByTestId('pay-add').click();
  await page.getByTestId('pay-effective').selectOption('2026-03');
  await page.getByTestId('pay-split-base').fill('45');
  await expect(page.getByTestId('pay-sum')).toContainText('95');
  await expect(page.getByTestId('pay-save')).toBeDisabled();
  await page.getByTestId('pay-split-plan').fill('40');
  await page.getByTestId('pay-bonus-policy').selectOption('per-point');
  await page.getByTestId('pay-bonus-percent').fill('0.5');
  await page.getByTestId('pay-score-rate').selectOption('daily');
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: `${SHOTS}/pay-settings-form-zh.png` });
  await page.getByTestId('pay-save').click();
  await expect(page.getByTestId('pay-saved')).toContainText('版本 1');
  const row = page.getByTestId('pay-version-1');
  await expect(row).toContainText('2026-03');
  await expect(row).toContainText('45 / 40 / 15');
  await expect(row).toContainText('超计划每 1 个百分点 0.5%');
  await expect(row).toContainText('日常工作考核得分');
  await expect(row).toContainText('人事 王芳');
  await section.screenshot({ path: `${SHOTS}/pay-settings-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(row).toContainText('0.5% per point above plan');
  await section.screenshot({ path: `${SHOTS}/pay-settings-en.png` });
  const versions = await callHttp(app.origin, app.token, 'paySettings.list', {});
  expect(versions.at(-1)).toMatchObject({ version: 1, effectiveFrom: '2026-03', settings: { split: { base: 45, plan: 40, assessment: 15 }, bonus: { policy: 'per-point', percentPerPoint: 0.5 }, scoreRate: 'daily' } });
});

test('settings in force with the monthly score: the notice offers the daily-work score from a month HR chooses (1366×768, both languages)', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  // As a database with sheets from before 2026-12-07 has after its update: the monthly score, in a version of its own.
  const from = lastMonth();
  const earlier = (() => {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const d = new Date(y, m - 3, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  })();
  const monthly = { split: { base: 50, plan: 35, assessment: 15 }, bonus: { policy: 'none' as const }, scoreRate: 'monthly' as const };
  await callHttp(app.origin, app.token, 'paySettings.save', { effectiveFrom: from, settings: monthly });
  await page.getByTestId('nav-settings').click();
  const section = page.locator('section', { has: page.getByTestId('pay-settings') });
  const notice = page.getByTestId('pay-rate-notice');
  await expect(notice).toContainText('考核办法规定的日常考核得分率为日常工作考核得分');
  await expect(notice).toContainText(`第 1 版，自 ${from} 起`);
  await expect(notice).not.toContainText(/[A-Za-z]/); // no English in the Chinese screen
  // A month before the version in force would not win after it: refused before saving.
  await page.getByTestId('pay-rate-from').selectOption(earlier);
  await expect(page.getByTestId('pay-rate-use')).toBeDisabled();
  await expect(page.getByTestId('pay-rate-hint')).toContainText(`请选择 ${from} 或之后的月份`);
  await page.getByTestId('pay-rate-from').selectOption(from);
  await expect(page.getByTestId('pay-rate-use')).toBeEnabled();
  await expect(page.getByTestId('pay-rate-hint')).toContainText('此前各月的薪酬不变');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/pay-rate-notice-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(notice).toContainText('The rule book’s score rate is the daily-work score');
  await expect(notice).toContainText(`version 1, from ${from}`);
  await expect(page.getByTestId('pay-rate-use')).toHaveText(`Use it from ${from}`);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/pay-rate-notice-en.png` });
  await page.getByTestId('lang-zh').first().click();

  // One click: a new version, the settings in force with the daily-work score, from the chosen month.
  await page.getByTestId('pay-rate-use').click();
  await expect(page.getByTestId('pay-saved')).toContainText('版本 2');
  await expect(notice).toHaveCount(0);
  const row = page.getByTestId('pay-version-2');
  await expect(row).toContainText(from);
  await expect(row).toContainText('日常工作考核得分');
  await expect(page.getByTestId('pay-version-1')).toContainText('月度考核得分');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/pay-rate-saved-zh.png` });
  const versions = await callHttp(app.origin, app.token, 'paySettings.list', {});
  expect(versions.map((v) => [v.version, v.effectiveFrom, v.settings.scoreRate])).toEqual([
    [0, '2000-01', 'daily'],
    [1, from, 'monthly'],
    [2, from, 'daily'],
  ]);
  expect(versions[2]!.settings).toEqual({ ...monthly, scoreRate: 'daily' });
  // The pay report of that month names the rate it used.
  const pay = await callHttp(app.origin, app.token, 'reports.pay', { period: from });
  expect(pay.settings.version).toBe(2);
  await page.goto(`${app.url}#/reports`);
  await page.getByTestId('reports-tab-pay').click();
  await page.getByTestId('month-picker').selectOption(from);
  await expect(page.getByTestId('pay-score-rate')).toHaveText('日常考核得分率:日常工作考核得分');
  await expect(page.getByTestId('pay-grid').getByRole('columnheader', { name: '日常工作得分' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pay-report-rate-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('pay-score-rate')).toHaveText('Score rate: the daily-work score');
  await page.screenshot({ path: `${SHOTS}/pay-report-rate-en.png` });
});
