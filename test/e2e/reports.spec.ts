/**
 * The Reports screen against the demo organisation, as HR: pay, annual, KPIs, dashboards and fairness
 * show the backend's figures (checked against the same calls over HTTP), the pay XLSX downloads,
 * and every view is kept as a screenshot in both languages for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const SHOTS = 'test-results/screenshots';
/** The app bar is sticky: in a full-page or element screenshot it would cover part of the page, so it is laid out in place for the shot. */
const STATIC_BAR = '.MuiAppBar-root { position: static !important; }';

/** Money as the grid shows it: 2 decimals, thousands separators. */
const money = (n: number, lang: 'zh' | 'en') => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

const quantity = (n: number, lang: 'zh' | 'en') => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 }).format(n);

/** The month the Reports tab opens on: the one before today's. */
function lastMonth(): string {
  const d = new Date();
  const p = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return `${p.getFullYear()}-${String(p.getMonth() + 1).padStart(2, '0')}`;
}

test('reports: pay, annual, KPIs, dashboards and fairness show the backend’s figures, in both languages', async ({ page, app }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await firstRun(page, app.url, { name: '人力资源部 周敏', role: 'hr', demo: true });
  await expect(page.getByTestId('nav-reports')).toBeVisible();

  const period = lastMonth();
  const year = Number(period.slice(0, 4));
  const pay = await callHttp(app.origin, app.token, 'reports.pay', { period });
  const annual = await callHttp(app.origin, app.token, 'reports.annual', { year, basis: 'all' });
  const dashboard = await callHttp(app.origin, app.token, 'reports.dashboard', { period });
  const fairness = await callHttp(app.origin, app.token, 'reports.fairness', { period });
  const paid = pay.rows.find((r) => r.pay !== null)!;
  expect(paid, 'the demo has people with a salary, plan, actual and a scored sheet').toBeTruthy();
  const unpaid = pay.rows.find((r) => r.pay === null);
  const scored = annual.rows.find((r) => r.months.some((m) => m !== null))!;
  const explained = fairness.explanations.find((e) => e.lines.length > 0)!;
  expect(explained, 'the demo has a sheet with deductions').toBeTruthy();

  for (const lang of ['zh', 'en'] as const) {
    await page.getByTestId('nav-scoring').click();
    await page.getByTestId(`lang-${lang}`).first().click();
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-pay').click();

    // Pay: a person's total as the backend computed it, the totals, what is missing, the settings used.
    const grid = page.getByTestId('pay-grid');
    await expect(grid.locator(`[data-id="${paid.personId}"] [data-field="total"]`)).toHaveText(money(paid.pay!.total, lang));
    await expect(grid.locator(`[data-id="${paid.personId}"] [data-field="base"]`)).toHaveText(money(paid.pay!.base, lang));
    await expect(page.getByTestId('pay-total-total')).toContainText(money(pay.totals.total, lang));
    await expect(page.getByTestId('pay-settings')).toHaveAttribute('data-version', String(pay.settings.version));
    if (unpaid) await expect(grid.locator(`[data-id="${unpaid.personId}"] [data-field="total"] [data-missing]`)).toHaveAttribute('data-missing', unpaid.missing.join(' '));
    await page.screenshot({ path: `${SHOTS}/reports-pay-${lang}.png` });

    // Annual, every scored sheet counted: a person's annual score and rank, missing months marked.
    await page.getByTestId('reports-tab-annual').click();
    await page.getByTestId('annual-basis').selectOption('all');
    const row = page.getByTestId('annual-grid').locator(`[data-id="${scored.personId}"]`);
    await expect(row.locator('[data-field="annualScore"]')).toHaveText(String(scored.annualScore));
    await expect(row.locator('[data-field="rank"]')).toHaveText(`${scored.rank} / ${scored.rankOf}`);
    await expect(row.locator('[data-field="missingCount"]')).toHaveText(String(scored.missing.length));
    if (scored.missing.length > 0) await expect(row.locator('[data-missing="true"]')).toHaveCount(scored.missing.length);
    await page.screenshot({ path: `${SHOTS}/reports-annual-${lang}.png` });

    // KPIs beside the scores: the plan and actual the pay used.
    await page.getByTestId('reports-tab-kpis').click();
    const kpiRow = page.getByTestId('kpi-grid').locator(`[data-id="${paid.personId}"]`);
    await expect(kpiRow.locator('[data-field="kpi:plan-quantity"]')).toHaveText(quantity(paid.plan!, lang));
    await expect(kpiRow.locator('[data-field="kpi:actual-quantity"]')).toHaveText(quantity(paid.actual!, lang));
    await expect(kpiRow.locator('[data-field="completion"]')).toHaveText(`${paid.pay!.completionPercent}%`);
    await page.screenshot({ path: `${SHOTS}/reports-kpis-${lang}.png` });

    // Dashboards: the company's figures under the charts, the charts drawn, the unsigned list.
    await page.getByTestId('reports-tab-dashboard').click();
    const company = page.getByTestId('dashboard-regions-row-company');
    await expect(company).toContainText(String(dashboard.company.count));
    await expect(company).toContainText(String(dashboard.company.mean));
    // One bar per score band and group (the company first), one line per trend series.
    await expect(page.getByTestId('dashboard-regions').locator('rect.MuiBarChart-element')).toHaveCount(5 * (1 + dashboard.byRegion.length));
    await expect(page.getByTestId('dashboard-scorers').locator('rect.MuiBarChart-element')).toHaveCount(5 * (1 + dashboard.byScorer.length));
    await expect(page.getByTestId('dashboard-trend').locator('path.MuiLineChart-line')).toHaveCount(dashboard.trend.series.length);
    await expect(page.getByTestId('dashboard-deductions').locator('rect.MuiBarChart-element')).toHaveCount(dashboard.topDeductions.length);
    const lastDeduction = dashboard.topDeductions.at(-1);
    if (lastDeduction) {
      // A long item title may be shortened on the axis; the tooltip says it whole.
      await page.getByTestId('dashboard-deductions').locator('rect.MuiBarChart-element').last().hover();
      await expect(page.locator('.MuiChartsTooltip-root')).toContainText(lastDeduction.title[lang]);
      await expect(page.locator('.MuiChartsTooltip-root')).toContainText(String(lastDeduction.count));
      await page.mouse.move(0, 0);
    }
    await expect(page.getByTestId('dashboard-unsigned').locator('[data-testid^="unsigned-row-"]')).toHaveCount(dashboard.unsigned.length);
    await page.screenshot({ path: `${SHOTS}/reports-dashboard-${lang}.png`, fullPage: true, style: STATIC_BAR });
    for (const chart of ['regions', 'scorers', 'deductions'] as const) {
      await page.getByTestId(`dashboard-${chart}`).screenshot({ path: `${SHOTS}/reports-chart-${chart}-${lang}.png`, style: STATIC_BAR });
    }
    const trendPerson = dashboard.trend.people[0];
    if (trendPerson) {
      await page.getByTestId('trend-person').selectOption(String(trendPerson.personId));
      await expect(page.getByTestId('dashboard-trend')).toContainText(trendPerson.name);
      await page.getByTestId('dashboard-trend').screenshot({ path: `${SHOTS}/reports-chart-trend-${lang}.png`, style: STATIC_BAR });
    }

    // Fairness: one row per scorer, the deductions without a note, an explanation sheet in words.
    await page.getByTestId('reports-tab-fairness').click();
    await expect(page.getByTestId('calibration-row')).toHaveCount(fairness.calibration.length);
    await expect(page.getByTestId('unexplained').locator('tbody tr')).toHaveCount(fairness.unexplained.length);
    await page.screenshot({ path: `${SHOTS}/reports-fairness-${lang}.png`, fullPage: true, style: STATIC_BAR });
    await page.getByTestId('explain-person').selectOption(String(explained.personId));
    await page.getByTestId('explain-open').click();
    const dialog = page.getByTestId('explain-dialog');
    await expect(dialog.getByTestId('explain-line')).toHaveCount(explained.lines.length);
    const first = explained.lines[0]![lang];
    await expect(dialog.getByTestId('explain-line').first()).toContainText(first.slice(first.indexOf(' ') + 1));
    await expect(dialog.getByTestId('explain-summary')).toContainText(String(explained.monthlyScore));
    await page.screenshot({ path: `${SHOTS}/reports-explain-${lang}.png` });
    await dialog.getByTestId('explain-close').click();
  }

  // The pay XLSX for payroll: a real workbook (a zip: "PK").
  await page.getByTestId('reports-tab-pay').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.length).toBeGreaterThan(100);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // A deduction without a note opens its sheet.
  await page.getByTestId('reports-tab-fairness').click();
  const note = fairness.unexplained[0];
  if (note) {
    await page.getByTestId(`unexplained-${note.personId}-${note.itemId}`).getByRole('button', { name: note.name }).click();
    await expect(page).toHaveURL(new RegExp(`#/sheet/${note.personId}/${period}$`));
  }
  expect(errors).toEqual([]);
});
