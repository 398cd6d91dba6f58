/**
 * The Chinese UI shows no English sentence from the backend: backend failures made to happen in
 * the browser — a wrong passphrase, a conflicting save, refused import files, an unknown person,
 * refused inbox files — and the visible text of each error state scanned for a run of 3 or more
 * English words (test/e2e/noEnglish.ts; file names, ids, PDF, SHA-256, CSV, XLSX allowed).
 */
import iconv from 'iconv-lite';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';
import { englishRuns, noEnglish } from './noEnglish.ts';

const SHOTS = 'test-results/screenshots';
const PASSPHRASE = 'correct horse 42';

function lastMonth(): string {
  const d = new Date();
  const p = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return `${p.getFullYear()}-${String(p.getMonth() + 1).padStart(2, '0')}`;
}

test('the scan itself: an English sentence is found, allowed tokens are not', () => {
  expect(englishRuns('口令不正确:the passphrase of this identity does not open it')).toEqual(['the passphrase of this identity does not open it']);
  expect(englishRuns('absences[1].date: not a date')).toEqual(['date: not a date']);
  expect(englishRuns('文件 名册 2026-11.csv 被拒绝:S-102 salesperson@2 SHA-256 PDF CSV XLSX a1b2c3d4e5f6')).toEqual([]);
});

test('as a manager: a wrong passphrase and a conflicting save are worded in Chinese', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { origin, token } = app;
  await firstRun(page, app.url, { name: '王磊', role: 'manager', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
  await callHttp(origin, token, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASSPHRASE });
  const month = lastMonth();
  const rows = await callHttp(origin, token, 'sheets.month', { period: month });
  const row = rows.find((r) => r.role === 'salesperson' && r.status === 'ready')!;

  // A wrong passphrase.
  await page.goto(`${origin}/#/sheet/${row.personId}/${month}`);
  await expect(page.getByTestId('sheet-person')).toContainText(row.name);
  await page.getByTestId('sheet-export').click();
  const dialog = page.getByTestId('export-dialog');
  await page.getByTestId('export-passphrase').fill('not the passphrase');
  await page.getByTestId('export-confirm').click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/no-english-passphrase-zh.png` });
  expect(await noEnglish(dialog), 'the wrong passphrase in Chinese').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A conflict: the sheet was saved elsewhere since it was opened.
  const sheet = await callHttp(origin, token, 'sheets.get', { personId: row.personId, period: month });
  await callHttp(origin, token, 'sheets.save', { personId: row.personId, period: month, entry: { items: sheet.input.items, absences: sheet.input.absences, handIns: sheet.input.handIns }, status: 'ready', expectedRevision: sheet.revision });
  await page.getByTestId('input-dealer.network-plan-violated').click();
  await page.getByTestId('save-button').click();
  const alert = page.getByRole('alert').first();
  await expect(alert).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/no-english-conflict-zh.png` });
  expect(await noEnglish(page.locator('main')), 'the conflict in Chinese').toEqual([]);
});

test('as HR: refused import files, an unknown person and refused inbox files are worded in Chinese', async ({ page, app }) => {
  test.setTimeout(120_000);
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  const main = page.locator('main');

  // A roster file refused as a whole (its header lacks columns), then one that is not a spreadsheet.
  await page.getByTestId('nav-roster').click();
  await page.getByTestId('roster-tab-import').click();
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: iconv.encode('编号,姓名,部门\r\n1,王磊,销售\r\n', 'gbk') });
  await expect(page.getByRole('alert').first()).toBeVisible();
  expect(await noEnglish(main), 'a roster file without its columns').toEqual([]);

  // Salary and KPI figures for a person the roster does not know.
  await page.getByTestId('roster-tab-figures').click();
  const unknown = '工号,姓名,工资总额,客户满意度,销售计划数量\r\nX-999,无名氏,5000,90,100\r\nS-102,,8000,101,\r\n';
  await page.getByTestId('figures-import-input').setInputFiles({ name: '工资.csv', mimeType: 'text/csv', buffer: Buffer.from(unknown, 'utf8') });
  await expect(page.getByTestId('figures-preview')).toContainText('X-999');
  await page.screenshot({ path: `${SHOTS}/no-english-figures-zh.png` });
  expect(await noEnglish(main), 'an unknown person in the figures').toEqual([]);

  // Refused inbox files: not a PDF, and a PDF that is cut off.
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approvals-tab-inbox').click();
  await page.getByTestId('inbox-input').setInputFiles([
    { name: '考核表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\n') },
    { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
  ]);
  await expect(main.locator('[data-verdict="refused"], [data-outcome="refused"], [role="alert"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/no-english-inbox-zh.png`, fullPage: true });
  expect(await noEnglish(main), 'refused inbox files').toEqual([]);
  // Their details, opened.
  const refusedRow = main.locator('[data-testid^="inbox-row-"]').first();
  if (await refusedRow.count()) {
    await refusedRow.click();
    await page.screenshot({ path: `${SHOTS}/no-english-inbox-details-zh.png`, fullPage: true });
    expect(await noEnglish(main), 'a refused file’s details').toEqual([]);
  }
});

/**
 * An import file the reader refuses as a whole (electron/import/sheet-file.ts and decode.ts: not
 * an .xlsx, an old .xls, an unknown encoding…) carries its reason as the file problem's rule,
 * worded in the UI's language: the file, its name and why, in Chinese.
 */
test('as HR: a roster file that is not a spreadsheet is refused in Chinese', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  await page.getByTestId('nav-roster').click();
  await page.getByTestId('roster-tab-import').click();
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('not a spreadsheet at all') });
  await expect(page.getByRole('alert').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/no-english-roster-file-zh.png` });
  expect(await noEnglish(page.locator('main')), 'a roster file that is not a spreadsheet').toEqual([]);
  await expect(page.getByRole('alert').first()).toContainText('“名册.xlsx”不是');

  // An old binary workbook named .csv, and a CSV in an encoding this app does not read.
  await page.getByTestId('roster-import-input').setInputFiles({ name: '旧名册.csv', mimeType: 'text/csv', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
  await expect(page.getByRole('alert').first()).toContainText('“旧名册.csv”是旧版二进制 Excel 工作簿');
  expect(await noEnglish(page.locator('main')), 'an old binary workbook named .csv').toEqual([]);
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from([0x61, 0x2c, 0xff, 0x0a]) });
  await expect(page.getByRole('alert').first()).toContainText('GB18030');
  await page.screenshot({ path: `${SHOTS}/no-english-roster-encoding-zh.png` });
  expect(await noEnglish(page.locator('main')), 'a CSV in an unknown encoding').toEqual([]);
});
