/**
 * Figures from signed sheets at HR, in the browser, across four databases (browser mode each: the
 * EAST regional manager, sales planning, the VP, HR with the roster only): S-101's and S-102's
 * sheets are signed through the chain and imported by HR, which has a salary for both, no KPI for
 * S-101 and another plan for S-102. HR's pay view shows S-101's plan and actual marked 待确认 with
 * the banner "… 项来自考核表的数据待确认 — 确认全部", and S-102's plan in the list of differences
 * with its two actions. Taking the sheet's plan and confirming all clear them.
 * Screenshots at 1366×768 in zh and en: test-results/screenshots/sheet-figures-*.png.
 */
import type { ChainRole, StoredFile } from '../../shared/api/types.ts';
import { expect, test } from './fixtures.ts';
import { noEnglish } from './noEnglish.ts';
import { approveAt, call, CHAIN_PASS, type ChainServer, monthBeforeLast, startChain, stopServer } from './servers.ts';

const SHOTS = 'test-results/screenshots';
const PASS = CHAIN_PASS;

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ mode: 'serial' });

type Server = ChainServer;

const PERIOD = monthBeforeLast();
const apps = {} as Record<ChainRole, Server>;
const plans = {} as Record<'S-101' | 'S-102', number>;
/** S-102's fully signed file: HR imports it in its UI. */
let signed102: StoredFile;

const approve = (role: ChainRole, f: StoredFile) => approveAt(apps[role], role, f);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  Object.assign(apps, await startChain('figs'));
  const { manager, hr } = apps;

  const rows = await call(manager, 'sheets.month', { period: PERIOD });
  const managerFigures = await call(manager, 'figures.month', { period: PERIOD });
  const hrPeople = await call(hr, 'people.list', { includeInactive: true });
  for (const no of ['S-101', 'S-102'] as const) {
    const row = rows.find((r) => r.employeeNo === no)!;
    expect(row.status).toBe('ready');
    plans[no] = managerFigures.find((f) => f.personId === row.personId)!.kpis['plan-quantity']!;
    // HR's salary total for both (a sheet never carries one); for S-102 also planning's plan, another than the sheet's.
    const hrId = hrPeople.find((p) => p.employeeNo === no)!.id;
    await call(hr, 'figures.save', { personId: hrId, period: PERIOD, salaryTotal: 10_000, kpis: no === 'S-102' ? { 'plan-quantity': plans[no] + 10 } : {}, expectedRevision: 0 });
    const exported = await call(manager, 'sheets.export', { personId: row.personId, period: PERIOD, fingerprint: manager.fingerprint, passphrase: PASS.manager, language: 'zh' });
    const signed = await approve('hr', await approve('vp', await approve('planning', exported)));
    if (no === 'S-102') {
      signed102 = signed;
      continue;
    }
    const [outcome] = await call(hr, 'hr.import', { sha256: [signed.sha256] });
    expect(outcome, outcome!.message).toMatchObject({ outcome: 'imported' });
  }
});

test.afterAll(async () => {
  await Promise.all(Object.values(apps).map(stopServer));
});

test('HR’s pay view: figures from sheets marked 待确认 with a banner, the differences with their actions; take the sheet’s, confirm all', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { hr } = apps;
  await page.goto(hr.url);
  // HR imports S-102's signed sheet in its UI: the outcome says what became of its figures.
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approvals-tab-hr').click();
  await page.getByTestId('hr-input').setInputFiles({ name: signed102.fileName, mimeType: 'application/pdf', buffer: Buffer.from(signed102.dataBase64, 'base64') });
  const imported = page.getByTestId('hr-import-result');
  await expect(imported.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'imported');
  const figuresNote = imported.getByTestId('hr-import-figures');
  await expect(figuresNote).toContainText('考核表中的 13 项数据已保留，待确认；1 项与人力资源部的数值不一致（保留人力资源部的）。');
  expect(await noEnglish(imported)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/sheet-figures-import-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(figuresNote).toContainText("13 figures from the sheet kept, unconfirmed; 1 differs from HR's (HR's kept).");
  await page.screenshot({ path: `${SHOTS}/sheet-figures-import-en.png` });
  await page.getByTestId('lang-zh').first().click();
  await figuresNote.getByTestId('hr-import-open-pay').click();
  await expect(page).toHaveURL(new RegExp(`#/reports/pay/${PERIOD}$`));
  const view = page.getByTestId('pay-view');
  await expect(view).toBeVisible();

  const banner = page.getByTestId('sheet-figures-unconfirmed');
  // S-101: 14 KPIs from the sheet; S-102: 13 (its plan differs; the rest, its actual among them, from the sheet).
  await expect(banner).toHaveAttribute('data-count', '27');
  await expect(banner).toContainText('项来自考核表的数据待确认（2 人）');
  await expect(banner.getByTestId('sheet-figures-confirm-all')).toHaveText('确认全部');
  const conflicts = page.getByTestId('sheet-figures-conflicts');
  await expect(conflicts).toContainText('1 项数据与签署的考核表不一致');
  const conflict = conflicts.getByTestId('sheet-figures-conflict');
  await expect(conflict).toHaveAttribute('data-person', 'S-102');
  await expect(conflict).toContainText('销售计划数量');
  await expect(conflict).toContainText(String(plans['S-102'] + 10));
  await expect(conflict).toContainText(String(plans['S-102']));
  const grid = page.getByTestId('pay-grid');
  const row101 = grid.getByRole('row').filter({ hasText: 'S-101' });
  await expect(row101.locator('[data-unconfirmed="plan"]')).toContainText('待确认');
  await expect(row101.locator('[data-unconfirmed="actual"]')).toContainText('待确认');
  await expect(page.getByTestId('pay-unconfirmed')).toContainText('2 人的薪酬使用了待确认的数据');
  expect(await noEnglish(page.getByTestId('sheet-figures'))).toEqual([]);
  // The grid scrolled to the two rows (it scrolls inside itself).
  await grid.locator('.MuiDataGrid-virtualScroller').hover();
  await page.mouse.wheel(0, 240);
  await expect(row101).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/sheet-figures-pay-zh.png` });

  await page.getByTestId('lang-en').first().click();
  await expect(banner).toContainText('figures from signed sheets are unconfirmed (2 people)');
  await expect(conflicts).toContainText('1 figure differs between HR and the signed sheet');
  await expect(row101.locator('[data-unconfirmed="plan"]')).toContainText('pending');
  await expect(row101).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/sheet-figures-pay-en.png` });
  // On a 1280×720 laptop the markers do not push the total off screen.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(row101.locator('[data-field="total"]')).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/sheet-figures-pay-en-1280.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('lang-zh').first().click();

  // Take the sheet's plan for S-102: confirmed, the difference gone, pay on the sheet's plan.
  await conflict.getByTestId('conflict-take-sheet').click();
  await expect(conflicts).toBeHidden();
  const row102 = grid.getByRole('row').filter({ hasText: 'S-102' });
  await expect(row102.locator('[data-field="plan"]')).toContainText(String(plans['S-102']));
  await expect(row102.locator('[data-unconfirmed="plan"]')).toHaveCount(0);
  await expect(row102.locator('[data-unconfirmed="actual"]')).toContainText('待确认');

  // S-101's sheet at HR: its figures panel names the KPIs from the sheet not confirmed yet.
  const s101 = (await call(hr, 'people.list', {})).find((p) => p.employeeNo === 'S-101')!;
  await page.goto(`${hr.origin}/#/sheet/${s101.id}/${PERIOD}`);
  const unconfirmedPanel = page.getByTestId('figures-unconfirmed');
  await expect(unconfirmedPanel).toContainText('来自签署的考核表、尚未确认：销售计划数量、实际销售数量');
  expect(await noEnglish(unconfirmedPanel)).toEqual([]);
  await unconfirmedPanel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/sheet-figures-panel-zh.png` });
  // Confirmed here for S-101 alone: the panel's note goes, S-102's figures stay unconfirmed.
  await unconfirmedPanel.getByTestId('figures-confirm').click();
  await expect(unconfirmedPanel).toBeHidden();
  expect((await call(hr, 'figures.fromSheets', { period: PERIOD })).unconfirmed.map((u) => u.employeeNo)).toEqual(['S-102']);
  await page.goto(`${hr.origin}/#/reports/pay/${PERIOD}`);

  // Confirm all: no banner, no marker.
  await banner.getByTestId('sheet-figures-confirm-all').click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('sheet-figures-done')).toContainText('已确认');
  await expect(grid.locator('[data-unconfirmed]')).toHaveCount(0);
  await expect(page.getByTestId('pay-unconfirmed')).toHaveCount(0);
  const state = await call(hr, 'figures.fromSheets', { period: PERIOD });
  expect(state).toMatchObject({ unconfirmedCount: 0, conflicts: [] });
  expect(errors).toEqual([]);
});
