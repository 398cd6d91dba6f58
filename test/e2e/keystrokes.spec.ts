/**
 * Scoring at keyboard speed, measured: the keyboard alone drives the month grid, the sheet and the
 * team entry view, and every key is counted (a chord such as Ctrl+Shift+Enter is one key; the key
 * that opens a sheet from the grid counts). The budgets: a clean salesperson sheet from the grid to
 * ready in ≤ 10 keys; one with a dealer violation, a late ad plan (its hand-in date) and a half-day
 * absence in ≤ 25; the team entry view marking 15 clean people ready in ≤ 40. Each count is
 * printed, and the sheets stored (read back over the API) are what was typed.
 */
import type { Page } from '@playwright/test';
import { callHttp } from './http.ts';
import { noEnglish } from './noEnglish.ts';
import { expect, firstRun, test, type BrowserMode } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** Presses keys and counts them: a chord is one key, each character typed one key. */
class Keys {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  async type(text: string): Promise<void> {
    for (const ch of text) {
      this.count += 1;
      await this.page.keyboard.type(ch);
    }
  }
}

/** The test id of the element that has the keyboard focus (or of its closest parent that has one). */
async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null } }).document.activeElement;
    return el?.closest('[data-testid]')?.getAttribute('data-testid') ?? null;
  });
}

/** The grid's row that has the keyboard focus: its person id. */
async function focusedRowId(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null } }).document.activeElement;
    const id = el?.closest('[data-id]')?.getAttribute('data-id');
    return id ? Number(id) : null;
  });
}

/** The app opened on the current month's grid (its address: not counted), the cursor on the first row. */
async function openMonth(page: Page, app: BrowserMode) {
  await page.goto(`${app.url}#/scoring/${thisMonth()}`);
  await waitForGrid(page);
}

/** The demo, as the first region's manager, in the current month's grid (set up by mouse: not counted). */
async function toGrid(page: Page, app: BrowserMode) {
  await firstRun(page, app.url, { name: '李静', region: '华东区 (EAST)' });
  await openMonth(page, app);
}

/** The DataGrid shown, the cursor on its first row. */
async function waitForGrid(page: Page) {
  await expect(page.locator('[data-testid="month-grid"] .MuiDataGrid-root')).toBeVisible();
  await expect.poll(() => focusedRowId(page)).not.toBeNull();
}

test('a sheet from the grid to ready: a clean one in ≤ 10 keys, one with a violation, a late ad plan and a half day in ≤ 25', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const month = thisMonth();
  await toGrid(page, app);
  const order = await callHttp(app.origin, app.token, 'sheets.month', { period: month });
  const sales = order.map((r, i) => ({ ...r, index: i })).filter((r) => r.role === 'salesperson');
  const [clean, busy] = [sales[0]!, sales[1]!];
  const first = await focusedRowId(page);
  expect(first).toBe(order[0]!.personId);

  // 1. A clean salesperson: to the row, open, mark ready.
  const keys = new Keys(page);
  for (let i = 0; i < clean.index; i++) await keys.press('ArrowDown');
  await keys.press('Enter');
  await expect(page.getByTestId('sheet-person')).toContainText(clean.name);
  await keys.press('Control+Shift+Enter');
  await expect(page.locator('[data-status="ready"]').first()).toBeVisible();
  const cleanKeys = keys.count;
  console.log(`keystrokes: clean salesperson sheet from the grid to ready = ${cleanKeys} (budget 10)`);
  expect(cleanKeys).toBeLessThanOrEqual(10);
  const cleanSheet = await callHttp(app.origin, app.token, 'sheets.get', { personId: clean.personId, period: month });
  expect(cleanSheet.status).toBe('ready');
  expect(cleanSheet.input.items ?? {}).toEqual({});
  expect(cleanSheet.input.absences ?? []).toEqual([]);
  expect(cleanSheet.result.monthlyScore).toBe(100);

  // Esc: back in the grid, on the same row.
  await page.keyboard.press('Escape');
  await waitForGrid(page);
  await expect.poll(() => focusedRowId(page)).toBe(clean.personId);

  // 2. A dealer violation, the ad plan handed in on the 14th (due the 13th) and a half day on the 3rd.
  const busyKeys = new Keys(page);
  for (let i = clean.index; i < busy.index; i++) await busyKeys.press('ArrowDown');
  await busyKeys.press('Enter');
  await expect(page.getByTestId('sheet-person')).toContainText(busy.name);
  // The cursor starts in the first item: the dealer's terminal daily report.
  await expect.poll(() => focusedTestId(page)).toBe('input-dealer.terminal-daily-report-violated');
  await busyKeys.press('Space');
  await expect(page.getByTestId('input-dealer.terminal-daily-report-violated')).toBeChecked();
  await busyKeys.press('Control+g');
  await expect(page.getByTestId('goto-input')).toBeFocused();
  await busyKeys.type('ad');
  await page.screenshot({ path: `${SHOTS}/keys-goto-zh.png` });
  await busyKeys.press('Enter');
  await expect.poll(() => focusedTestId(page)).toBe('input-ad-plan-occurrences');
  await busyKeys.press('Tab'); // the note
  await busyKeys.press('Tab'); // the hand-in date
  await expect(page.getByTestId('handin-ad-plan')).toBeFocused();
  await busyKeys.type('14');
  await expect(page.getByTestId('handin-ad-plan-read')).toContainText('14日');
  await busyKeys.press('Control+g');
  await expect(page.getByTestId('goto-input')).toBeFocused();
  await busyKeys.type('abs');
  await busyKeys.press('Enter');
  await expect(page.getByTestId('absence-add-full')).toBeFocused();
  await busyKeys.press('Tab');
  await busyKeys.press('Enter'); // a half day: the cursor goes to its date
  await expect(page.getByTestId('absence-0-date')).toBeFocused();
  await busyKeys.type('3');
  await expect(page.getByTestId('total-monthly')).toContainText('93.9'); // (100 − 5 − 2) × 70% + 96 × 30%
  await page.screenshot({ path: `${SHOTS}/keys-sheet-zh.png` });
  expect(await noEnglish(page.locator('main'))).toEqual([]);
  await busyKeys.press('Control+Shift+Enter');
  await expect(page.locator('[data-status="ready"]').first()).toBeVisible();
  console.log(`keystrokes: salesperson sheet with a dealer violation, a late ad plan and a half-day absence = ${busyKeys.count} (budget 25)`);
  expect(busyKeys.count).toBeLessThanOrEqual(25);

  const busySheet = await callHttp(app.origin, app.token, 'sheets.get', { personId: busy.personId, period: month });
  expect(busySheet.status).toBe('ready');
  expect(busySheet.input.items).toEqual({ 'dealer.terminal-daily-report': { violated: true } });
  expect(busySheet.input.handIns).toEqual({ 'ad-plan': [{ date: `${month}-14` }] });
  expect(busySheet.input.absences).toEqual([{ length: 'half', date: `${month}-03` }]);
  expect(busySheet.result.dailyScore).toBe(93);
  expect(busySheet.result.monthlyScore).toBe(93.9);

  // The same sheet in English: the shortcuts hint and a date read in the UI's language.
  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('handin-ad-plan-read')).toContainText('14');
  await expect(page.getByTestId('keys-hint')).toContainText('Ctrl+Enter saves and opens the next person');
  await page.screenshot({ path: `${SHOTS}/keys-sheet-en.png` });

  // No key changes a value the person did not type: ↑/↓ in a count field step nothing.
  await page.keyboard.press('Control+g');
  await page.keyboard.type('key');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('input-weekly-report.key-accounts-occurrences')).toBeFocused();
  for (const key of ['ArrowUp', 'ArrowUp', 'ArrowDown']) await page.keyboard.press(key);
  await expect(page.getByTestId('input-weekly-report.key-accounts-occurrences')).toHaveValue('0');
  await expect(page.getByTestId('total-monthly')).toContainText('93.9');

  // A month and day is read in the nearest such month: the promotion plan handed in on the 3rd of
  // the next month ("1-3" in a December sheet is next year's January).
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  const following = monthNo === 12 ? { y: year + 1, m: 1 } : { y: year, m: monthNo + 1 };
  const followingDate = `${following.y}-${String(following.m).padStart(2, '0')}-03`;
  await page.keyboard.press('Control+g');
  await page.keyboard.type('promotion-plan');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('handin-promotion-plan')).toBeFocused();
  await page.keyboard.type(`${following.m}-3`);
  await expect(page.getByTestId('handin-promotion-plan-read')).toContainText(String(following.y));
  await expect(page.getByTestId('handin-promotion-plan-read')).toContainText('3');

  // Ctrl+Enter: saved, and the next person of the grid opens; Esc then returns to that row.
  await page.keyboard.press('Control+Enter');
  const next = order[busy.index + 1]!;
  await expect(page.getByTestId('sheet-person')).toContainText(next.name);
  const saved = await callHttp(app.origin, app.token, 'sheets.get', { personId: busy.personId, period: month });
  expect(saved.input.items).toEqual({ 'dealer.terminal-daily-report': { violated: true } });
  expect(saved.input.handIns).toEqual({ 'ad-plan': [{ date: `${month}-14` }], 'promotion-plan': [{ date: followingDate }] });
  expect(saved.status).toBe('ready');
  expect(saved.result.dailyScore).toBe(91); // the promotion plan, due the 15th, is late too
  await page.keyboard.press('Escape');
  await waitForGrid(page);
  await expect.poll(() => focusedRowId(page)).toBe(next.personId);
});

test('the team entry view: 15 clean salespeople marked ready in ≤ 40 keys; a cell edited and saved with its total', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const month = thisMonth();
  // Five more salespeople in the first region: fifteen in all (set up over the API, not counted).
  await firstRun(page, app.url, { name: '李静', region: '华东区 (EAST)' });
  const region = (await callHttp(app.origin, app.token, 'regions.list', {})).find((r) => r.code === 'EAST')!;
  const people = await callHttp(app.origin, app.token, 'people.list', {});
  const manager = people.find((p) => p.role === 'regional-manager' && p.regionId === region.id)!;
  for (let i = 1; i <= 5; i++) {
    await callHttp(app.origin, app.token, 'people.save', { employeeNo: `S-19${i}`, name: `新员工${'一二三四五'[i - 1]}`, role: 'salesperson', regionId: region.id, managerId: manager.id, activeFrom: month, activeTo: null });
  }
  await openMonth(page, app);
  const sales = (await callHttp(app.origin, app.token, 'sheets.month', { period: month })).filter((r) => r.role === 'salesperson');
  expect(sales).toHaveLength(15);

  const keys = new Keys(page);
  await keys.press('Control+e');
  const team = page.getByTestId('team-grid');
  await expect(team.getByRole('row')).toHaveCount(16); // the header and 15 people
  await expect.poll(() => focusedRowId(page)).not.toBeNull();
  await keys.press('Control+a');
  await expect(page.getByTestId('team-mark-ready')).toContainText('15');
  await keys.press('Control+Shift+Enter');
  await expect(page.getByTestId('team-message')).toContainText('15');
  console.log(`keystrokes: team entry view, 15 clean salespeople marked ready = ${keys.count} (budget 40)`);
  expect(keys.count).toBeLessThanOrEqual(40);
  const stored = (await callHttp(app.origin, app.token, 'sheets.month', { period: month })).filter((r) => r.role === 'salesperson');
  expect(stored.map((r) => r.status)).toEqual(Array(15).fill('ready'));
  expect(stored.map((r) => r.monthlyScore)).toEqual(Array(15).fill(100));

  // A cell: the first person's customer visit records given 8 of 10 — typed into the cell, Enter saves it.
  const firstId = (await focusedRowId(page))!;
  const edit = new Keys(page);
  const visits = team.locator(`[data-id="${firstId}"] [data-field="item:weekly-report.visit-records"]`);
  const header = await team.locator('[role="columnheader"]').allTextContents();
  const steps = header.findIndex((h) => h.includes('客户拜访纪实')) - header.findIndex((h) => h.includes('姓名'));
  for (let i = 0; i < steps; i++) await edit.press('ArrowRight');
  await expect(visits).toBeFocused();
  await edit.press('Enter');
  await edit.press('Control+a');
  await edit.type('8');
  await edit.press('Enter');
  await expect(page.getByTestId(`team-total-${firstId}`)).toHaveText('98.6'); // 98 × 70% + 100 × 30%
  console.log(`keystrokes: one cell of the team entry view edited = ${edit.count}`);
  const edited = await callHttp(app.origin, app.token, 'sheets.get', { personId: firstId, period: month });
  expect(edited.input.items).toEqual({ 'weekly-report.visit-records': { points: 8 } });
  expect(edited.status).toBe('ready');
  expect(edited.result.monthlyScore).toBe(98.6);

  // Enter saved and moved down a row, as a spreadsheet does: the next person, same column.
  const secondId = (await focusedRowId(page))!;
  expect(secondId).not.toBe(firstId);
  await expect(team.locator(`[data-id="${secondId}"] [data-field="item:weekly-report.visit-records"]`)).toBeFocused();
  // No key changes a value the person did not type: ↑/↓ in the cell's field step nothing, and
  // Enter on the value as it was stores nothing.
  const secondBefore = await callHttp(app.origin, app.token, 'sheets.get', { personId: secondId, period: month });
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(team.locator(`[data-id="${secondId}"] [data-field="item:weekly-report.visit-records"]`)).toHaveText('10');
  const secondAfter = await callHttp(app.origin, app.token, 'sheets.get', { personId: secondId, period: month });
  expect(secondAfter.input.items ?? {}).toEqual({});
  expect(secondAfter.revision).toBe(secondBefore.revision);
  // A value the rule does not take is refused, naming it and what is allowed; nothing is stored.
  // (Enter moved the cursor down again: ↑ ↑ back to the first person.)
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(visits).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('team-message')).toContainText('当前值 12');
  await expect(page.getByTestId('team-message')).toContainText('0 到 10');
  // The refused text stays in the cell to be corrected; Esc puts back the stored value.
  await page.keyboard.press('Escape');
  await expect(visits).toHaveText('8');
  expect((await callHttp(app.origin, app.token, 'sheets.get', { personId: firstId, period: month })).input.items).toEqual({ 'weekly-report.visit-records': { points: 8 } });
  await page.screenshot({ path: `${SHOTS}/keys-team-zh.png` });
  expect(await noEnglish(page.locator('main'))).toEqual([]);

  // Shift+Space selects the row the cursor is on.
  await page.keyboard.press('Shift+Space');
  await expect(page.getByTestId('team-mark-ready')).toContainText('1');
  await expect(team.locator(`[data-id="${firstId}"]`)).toHaveAttribute('aria-selected', 'true');

  // Shift+Enter: the full sheet; Esc back to the team view.
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByTestId('sheet-person')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(team.getByRole('row')).toHaveCount(16);

  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('team-entry')).toContainText('Customer visit records');
  await page.screenshot({ path: `${SHOTS}/keys-team-en.png` });
});

test('the team entry view’s columns are chosen per rubric and remembered', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await toGrid(page, app);
  await page.getByTestId('view-team').click();
  const headers = page.getByTestId('team-grid').locator('[role="columnheader"]');
  await expect(headers.filter({ hasText: '周转车辆管理' })).toHaveCount(1);
  await page.getByTestId('team-columns').click();
  await page.getByTestId('team-column-vehicle').uncheck();
  await page.getByTestId('team-column-market-feedback').check();
  await page.getByTestId('team-columns-save').click();
  await expect(headers.filter({ hasText: '市场信息反馈' })).toHaveCount(1);
  await expect(headers.filter({ hasText: '周转车辆管理' })).toHaveCount(0);
  // In the rubric's order: market feedback comes before the quality feedback.
  const titles = await headers.allTextContents();
  expect(titles.findIndex((h) => h.includes('市场信息反馈'))).toBeLessThan(titles.findIndex((h) => h.includes('产品质量问题反馈')));

  // Remembered: the view and its columns after a reload.
  await page.reload();
  await expect(headers.filter({ hasText: '市场信息反馈' })).toHaveCount(1);
  await expect(headers.filter({ hasText: '周转车辆管理' })).toHaveCount(0);
  // The defaults back.
  await page.getByTestId('team-columns').click();
  await page.getByRole('button', { name: '默认列' }).click();
  await expect(headers.filter({ hasText: '周转车辆管理' })).toHaveCount(1);
  await expect(headers.filter({ hasText: '市场信息反馈' })).toHaveCount(0);
});
