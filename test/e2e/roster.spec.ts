/** Importing a roster from a GBK-encoded CSV, as Excel on a Chinese Windows saves it. */
import iconv from 'iconv-lite';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

test('import a GBK CSV roster: preview with the encoding and row errors, nothing written until confirmed', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  await page.getByTestId('nav-roster').click();
  await page.getByTestId('roster-tab-import').click();

  // A file whose header lacks columns: refused as a whole, what is missing worded in the UI's language.
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: iconv.encode('编号,姓名,部门\r\n1,王磊,销售\r\n', 'gbk') });
  await expect(page.getByRole('alert')).toContainText('第 1 行(表头): 当前值 ["编号","姓名","部门"]; 要求 表头行还需要以下列:工号 / 员工编号');
  await page.screenshot({ path: 'test-results/screenshots/roster-header-problem-zh.png' });

  // A file with one bad row first: the preview names the problem and the import stays disabled.
  const bad = '工号,姓名,岗位,区域,起始月份\r\nS-9001,欧阳娜娜,销售员,华东区,2026-11\r\nS-9002,郑喆,经理,华南区,2026-11\r\n';
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: iconv.encode(bad, 'gbk') });
  await expect(page.getByTestId('roster-preview-encoding')).toContainText('GB18030');
  await expect(page.getByTestId('roster-preview')).toContainText('郑喆'); // the rows with errors are shown first
  // In the UI's language, the column's name and what the file may write there.
  await expect(page.getByTestId('roster-preview')).toContainText('岗位: "经理" — 以下岗位之一:销售员、区域经理、现场服务代表、部长以上');
  await page.getByTestId('roster-preview').screenshot({ path: 'test-results/screenshots/roster-preview-zh.png' });
  await expect(page.getByTestId('roster-preview-errors')).toContainText('1');
  await expect(page.getByTestId('roster-import-confirm')).toBeDisabled();

  // The corrected file imports.
  const good = bad.replace('经理', '现场服务代表');
  await page.getByTestId('roster-import-input').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: iconv.encode(good, 'gbk') });
  await expect(page.getByTestId('roster-preview')).toContainText('郑喆');
  await expect(page.getByTestId('roster-import-confirm')).toBeEnabled();
  await page.getByTestId('roster-import-confirm').click();
  await expect(page.getByTestId('roster-import-done')).toContainText('2');

  await page.getByTestId('roster-tab-people').click();
  await expect(page.getByTestId('roster-grid')).toContainText('共 42'); // 40 demo people + 2
  const people = await callHttp(app.origin, app.token, 'people.list', {});
  expect(people.filter((p) => p.employeeNo.startsWith('S-900'))).toEqual([
    expect.objectContaining({ employeeNo: 'S-9001', name: '欧阳娜娜', role: 'salesperson' }),
    expect.objectContaining({ employeeNo: 'S-9002', name: '郑喆', role: 'field-service' }),
  ]);
});

test('the person dialog words what is allowed in the UI’s language: a bad employee number, one already taken, an empty name', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人事 王芳', role: 'hr' });
  await page.getByTestId('nav-roster').click();
  await page.getByTestId('person-add').click();
  await page.getByTestId('person-employeeNo').fill('S 1');
  await page.getByTestId('person-save').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('要求 由字母、数字和“-”组成,最多 20 个字符'); // employee no.
  await expect(dialog).toContainText('要求 必填,不能为空'); // name
  await page.getByTestId('person-employeeNo').fill('S-101'); // a demo person's
  await page.getByTestId('person-name').fill('新人');
  await page.getByTestId('person-save').click();
  await expect(dialog).toContainText('要求 其他人没有使用的工号');
  await page.screenshot({ path: 'test-results/screenshots/person-dialog-problem-zh.png' });
});
