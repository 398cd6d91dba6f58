/**
 * The departments' findings in the browser: a regional manager downloads 现场管理组's XLSX template
 * for the month, fills it (exceljs), and imports it — the preview marks the bad row (a deduction
 * outside its range) in the UI's language and nothing is written; fixed, it imports, and the
 * sheets show each deduction's source and which departments have sent their file. Screenshots in
 * both languages at 1366×768, looked at.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';
import { noEnglish } from './noEnglish.ts';

const SHOTS = 'test-results/screenshots';

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** The template with the findings filled in (columns: 工号 姓名 项目 次数 等级 扣分 事件 交付日期 日期 备注). */
async function filled(template: Buffer, period: string, complaintDeduction: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const rowOf = (no: string, item: string) => {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).text === no && row.getCell(3).text === item) found = row;
    });
    if (!found) throw new Error(`no template row ${no} ${item}`);
    return found;
  };
  const set = (no: string, item: string, cells: Record<number, string | number>) => {
    const row = rowOf(no, item);
    for (const [col, value] of Object.entries(cells)) row.getCell(Number(col)).value = value;
  };
  set('F-201', '工作素质', { 5: '基本胜任', 9: `${period}-03`, 10: '巡检记录不全' });
  set('F-202', '服务活动', { 5: '较正常开展但效果不够理想', 6: 2, 9: `${period}-04` });
  set('F-203', '用户投诉', { 7: '用户投诉升级', 6: complaintDeduction, 9: `${period}-05`, 10: '用户投诉到总部' });
  set('F-201', '驻区去向', { 4: 1, 9: `${period}-06`, 10: '巡查时不在驻地' });
  set('F-203', '信息反馈(特殊批量质量问题)', { 5: '不能按时提报', 6: 3, 9: `${period}-05` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a department’s template filled and imported: the bad row in the preview, then the sheets with their sources', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRun(page, app.url, { name: '王磊', region: '华南区 (SOUTH)' });
  const period = thisMonth();
  const people = await callHttp(app.origin, app.token, 'people.list', {});
  const id = (no: string) => people.find((p) => p.employeeNo === no)!.id;

  // The demo's findings are of this month (the month screen opens on the last one).
  await page.goto(`${app.url.split('#')[0]}#/scoring/${period}`);
  await page.getByTestId('findings-open').click();
  const dialog = page.getByTestId('findings-dialog');
  await expect(dialog).toBeVisible();
  // The demo month: 索赔组 and 技术组 have sent theirs, 现场管理组 not yet.
  await expect(page.getByTestId('findings-received-claims')).toContainText(`索赔组: 索赔组-${period}.csv`);
  await expect(page.getByTestId('findings-received-field-management')).toContainText('现场管理组: 尚未收到');
  await page.getByTestId('findings-department').selectOption('field-management');
  const download = page.waitForEvent('download');
  await page.getByTestId('findings-template').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`findings-field-management-${period}.xlsx`);
  const template = readFileSync((await file.path())!);

  // A deduction of 20 for an escalated complaint (2–5): the preview marks the row, Import stays off.
  await page.getByTestId('findings-import-input').setInputFiles({ name: '现场管理组.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await filled(template, period, '20') });
  const preview = page.getByTestId('findings-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('findings-preview-errors')).toContainText('1');
  await expect(preview).toContainText('扣分: 20 — 2 到 5 之间的数');
  await expect(preview).toContainText('基本胜任');
  await expect(page.getByTestId('findings-import-confirm')).toBeDisabled();
  expect(await noEnglish(dialog)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/findings-preview-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(preview).toContainText('deduction: 20 — a number from 2 to 5');
  await expect(preview).toContainText('Adequate');
  await page.screenshot({ path: `${SHOTS}/findings-preview-en.png` });
  const before = await callHttp(app.origin, app.token, 'sheets.get', { personId: id('F-203'), period });
  expect(before.input.items?.complaints).toBeUndefined();

  // Fixed: imported; the month's files now include 现场管理组's.
  await page.getByTestId('findings-import-input').setInputFiles({ name: '现场管理组.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await filled(template, period, '3') });
  await expect(page.getByTestId('findings-preview-errors')).toContainText('0');
  await page.getByTestId('findings-import-confirm').click();
  await expect(page.getByTestId('findings-import-done')).toContainText('updated');
  await expect(page.getByTestId('findings-received-field-management')).toContainText('现场管理组.xlsx');
  await page.screenshot({ path: `${SHOTS}/findings-imported-en.png` });

  // 技术组 sends its month's file again, now also saying F-203's quality feedback was timely, where
  // 现场管理组 said late: side by side, the manager chooses. (Its next file replaces its own findings.)
  await page.getByTestId('lang-zh').first().click();
  await page.getByTestId('findings-department').selectOption('technical');
  const technical = ['工号,项目,次数,等级,日期', `F-201,驻区去向,1,,${period}-02`, `F-202,内部培训,1,,${period}-01`, `F-203,信息反馈(特殊批量质量问题),,及时提报,${period}-06`].join('\r\n');
  await page.getByTestId('findings-import-input').setInputFiles({ name: '技术组补充.csv', mimeType: 'text/csv', buffer: Buffer.from(technical, 'utf8') });
  await expect(page.getByTestId('findings-row-4-action')).toContainText('待选择');
  await expect(page.getByTestId('findings-row-2-action')).toContainText('更新');
  await expect(page.getByTestId('findings-preview-conflicts')).toContainText('现场管理组: 不能按时提报 扣3分');
  await page.getByTestId('findings-import-confirm').click();
  const conflict = page.getByTestId('findings-conflict-F-203-info-feedback');
  await expect(conflict).toContainText('技术组: 及时提报');
  await expect(conflict).toContainText('现场管理组: 不能按时提报 扣3分');
  await conflict.scrollIntoViewIfNeeded();
  expect(await noEnglish(page.getByTestId('findings-conflicts'))).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/findings-conflict-zh.png` });
  const waiting = await callHttp(app.origin, app.token, 'sheets.get', { personId: id('F-203'), period });
  expect(waiting.input.items?.['info-feedback']).toMatchObject({ grade: 'late', deduction: 3 });
  await page.getByTestId('findings-choose-F-203-info-feedback-technical').click();
  await expect(page.getByTestId('findings-conflicts')).toBeHidden();
  const chosen = await callHttp(app.origin, app.token, 'sheets.get', { personId: id('F-203'), period });
  expect(chosen.input.items?.['info-feedback']).toEqual({ grade: 'timely', sources: [{ from: 'technical', file: '技术组补充.csv', row: 4, date: `${period}-06`, grade: 'timely' }] });
  await page.getByTestId('findings-close').click();

  const f101 = await callHttp(app.origin, app.token, 'sheets.get', { personId: id('F-201'), period });
  expect(f101.input.items?.competence).toMatchObject({ grade: 'adequate', sources: [{ from: 'field-management', file: '现场管理组.xlsx', date: `${period}-03`, note: '巡检记录不全' }] });
  // Three departments' occurrences of 驻区去向, each its own source.
  expect(f101.input.items?.whereabouts?.occurrences).toBe(3);
  expect(f101.input.items?.whereabouts?.sources?.map((s) => s.from)).toEqual(['claims', 'field-management', 'technical']);
  const f103 = await callHttp(app.origin, app.token, 'sheets.get', { personId: id('F-203'), period });
  expect(f103.input.items?.complaints).toMatchObject({ incidents: [{ kind: 'escalation', deduction: 3 }], sources: [{ from: 'field-management' }] });

  // The sheet: each deduction's source, and who has sent the month's file.
  await page.getByTestId('lang-zh').first().click();
  await page.goto(`${app.url.split('#')[0]}#/sheet/${id('F-201')}/${period}`);
  await expect(page.getByTestId('sheet-findings')).toContainText('已收到:现场管理组、索赔组、技术组');
  await expect(page.getByTestId('sheet-findings')).toContainText('尚未收到:函电组、配件组');
  await expect(page.getByTestId('sources-competence')).toContainText('来源:现场管理组(现场管理组.xlsx 第');
  await expect(page.getByTestId('sources-whereabouts')).toContainText(`来源:索赔组(索赔组-${period}.csv 第3行,${period}-03)、现场管理组(现场管理组.xlsx 第3行,${period}-06)、技术组(技术组补充.csv 第2行,${period}-02)`);
  expect(await noEnglish(page.getByTestId('sheet-items'))).toEqual([]);
  await page.getByTestId('item-whereabouts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/findings-sheet-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('sources-whereabouts')).toContainText('Source: Claims group (');
  await expect(page.getByTestId('sheet-findings')).toContainText('received from Field management group, Claims group, Technical group');
  await page.getByTestId('item-whereabouts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/findings-sheet-en.png` });
  expect(errors).toEqual([]);
});
