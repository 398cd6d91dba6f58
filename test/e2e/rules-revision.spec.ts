/**
 * What a manager sees of the rules revised 2026-12-07, in a real browser against browser mode on
 * a real temporary database: a draft scored with salesperson@1 says it moves to the new version at
 * its next save, and after the save the header names @2 and the item scores by it; each item says
 * who assesses it (in the editor and the rubric view); a complaint marked severe flags the sheet
 * for HR; every derived deadline says the day itself counts as on time. Screenshots at 1366×768
 * in both languages go to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/db/database.ts';
import { storeRubric } from '../../electron/services/rubrics.ts';
import { monthRows, writeSheetRow } from '../../electron/services/sheets.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import type { SheetInput } from '../../shared/scoring/input.ts';
import { expect, firstRun, test } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** First run as the regional manager of the first region, on the demo, at the size of a small laptop. */
async function setUp(page: Page, url: string) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRun(page, url, { name: '李静', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
}

/**
 * A draft of this month scored with salesperson@1, as the app stored it before @2 shipped (its
 * rubric version stored, the row and result on @1): 2 missing key-account entries (−6 under @1,
 * 0 points under @2). Written to the database file the app runs on; returns the person's id.
 */
function legacyDraft(dbPath: string): { personId: number; name: string } {
  const db = openDatabase(dbPath);
  try {
    const period = thisMonth();
    const row = monthRows(db, { period }).find((r) => r.role === 'salesperson' && r.status === 'not-started')!;
    const v1 = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson' && r.version === 1)!;
    storeRubric(db, v1);
    const input: SheetInput = { rubric: 'salesperson@1', period, person: { id: row.employeeNo, name: row.name }, absences: [], items: { 'weekly-report.key-accounts': { occurrences: 2 } }, handIns: {} };
    writeSheetRow(db, null, { personId: row.personId, rubric: v1, status: 'draft', input, result: scoreSheet(input, v1), revision: 1 });
    return { personId: row.personId, name: row.name };
  } finally {
    db.close();
  }
}

test('a salesperson@1 draft says it moves to the new version at its next save, and does; hand-in deadlines say the day itself counts', async ({ page, app }) => {
  await setUp(page, app.url);
  const { personId, name } = legacyDraft(app.dbPath);
  await page.goto(`${app.url}#/sheet/${personId}/${thisMonth()}`);
  await expect(page.getByTestId('sheet-person')).toContainText(name);

  // Scored with @1 until saved: 2 missing entries take 6 points; the notice says what the next save does.
  await expect(page.getByTestId('sheet-rubric')).toContainText('salesperson@1');
  await expect(page.getByTestId('points-weekly-report.key-accounts')).toContainText('4');
  const notice = page.getByTestId('rubric-update');
  await expect(notice).toHaveText('考核细则已修订:本表将在下次保存时改用第 2 版考核细则');
  await expect(notice).not.toContainText(/[A-Za-z]/);
  await page.screenshot({ path: `${SHOTS}/rules-revision-notice-zh.png` });
  await page.getByTestId('lang-en').click();
  await expect(notice).toHaveText('The rubric was revised: this sheet moves to salesperson@2 at its next save.');
  await page.screenshot({ path: `${SHOTS}/rules-revision-notice-en.png` });
  await page.getByTestId('lang-zh').click();

  // Version 1 does not say who receives the hand-ins.
  await expect(page.getByTestId('assessed-by-ad-plan')).toBeHidden();

  // The Save button saves (nothing changed): the sheet moves to @2, where 2 missing entries score 0.
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('sheet-rubric')).toContainText('salesperson@2');
  await expect(notice).toBeHidden();
  await expect(page.getByTestId('points-weekly-report.key-accounts')).toContainText('0');
  await page.reload();
  await expect(page.getByTestId('sheet-rubric')).toContainText('salesperson@2');
  await expect(page.getByTestId('rubric-update')).toBeHidden();
  await expect(page.getByTestId('points-weekly-report.key-accounts')).toContainText('0');
  // Who receives each hand-in, beside the item (version 2 says).
  await expect(page.getByTestId('assessed-by-ad-plan')).toHaveText('由广告信息部考核');
  await expect(page.getByTestId('assessed-by-dealer.terminal-daily-report')).toHaveText('由区域计划员考核');

  // The ad plan is due on the 13th, the 13th itself on time; the 14th is late, and the note says so.
  const month = thisMonth();
  const adPlan = page.getByTestId('handins-ad-plan');
  await expect(adPlan).toContainText('每月13日前(含13日)');
  await page.getByTestId('handin-ad-plan').fill(`${month}-13`);
  await expect(adPlan).toContainText(`应于 ${month.slice(5)}-13 前(含当日)`);
  await expect(adPlan).toContainText('按时');
  await page.getByTestId('handin-ad-plan').fill(`${month}-14`);
  await expect(page.getByTestId('late-ad-plan')).toHaveText(`逾期:应于 ${month.slice(5)}-13 前上交(含当日),实际 ${month.slice(5)}-14(自动扣分)`);
  // The terminal daily report is due at 16:00 that day, 16:00 itself on time.
  await expect(page.getByTestId('handins-dealer.terminal-daily-report')).toContainText('终端销售当日16:00前(含16:00)');
  await page.getByTestId('handin-dealer.terminal-daily-report-event').fill(`${month}-10`);
  await page.getByTestId('handin-dealer.terminal-daily-report').fill(`${month}-10T16:00`);
  await expect(page.getByTestId('handins-dealer.terminal-daily-report')).toContainText(`应于 ${month.slice(5)}-10 16:00 前(含16:00)`);
  await expect(page.getByTestId('handins-dealer.terminal-daily-report')).toContainText('按时');
  await page.getByTestId('lang-en').click();
  await expect(adPlan).toContainText('by the 13th of the month (the 13th counts as on time)');
  await expect(page.getByTestId('late-ad-plan')).toContainText(`late: due ${month.slice(5)}-13 (that day counts as on time), handed in ${month.slice(5)}-14`);
  await page.getByTestId('item-ad-plan').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/rules-revision-handins-en.png` });
  await page.getByTestId('lang-zh').click();
  await page.screenshot({ path: `${SHOTS}/rules-revision-handins-zh.png` });
});

test('a field-service sheet: who assesses each item, a complaint marked severe flags the sheet for HR; the rubric view says who assesses', async ({ page, app }) => {
  await setUp(page, app.url);
  await page.getByTestId('month-picker-next').click(); // this month: nothing scored yet, so the sheet starts on the newest version
  const row = page.getByTestId('month-grid').getByRole('row').filter({ hasText: '现场服务代表' }).first();
  await row.dblclick();
  await expect(page.getByTestId('sheet-rubric')).toContainText('field-service@2');
  await expect(page.getByTestId('rubric-update')).toBeHidden();

  await expect(page.getByTestId('assessed-by-service-center.claims')).toHaveText('由索赔组考核');
  await expect(page.getByTestId('assessed-by-special')).toHaveText('由索赔组考核');
  await expect(page.getByTestId('assessed-by-complaints')).toHaveText('由现场管理组、函电组考核');

  // An escalated complaint, marked severe: no extra points, the flag for HR.
  await page.getByTestId('input-complaints-incidents-add').click();
  await page.getByTestId('input-complaints-incidents-0-deduction').fill('4');
  await page.getByTestId('input-complaints-incidents-0-note').fill('用户三次投诉至总部');
  await expect(page.getByTestId('total-daily')).toContainText('96');
  await expect(page.getByTestId('total-flags')).toContainText('无标记');
  await page.getByTestId('input-complaints-incidents-0-severe').check();
  await expect(page.getByTestId('total-daily')).toContainText('96');
  const flag = page.getByTestId('total-flags').locator('[data-flag="severe-complaint"]');
  await expect(flag).toHaveText('严重投诉:可考虑下岗');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('save-state')).not.toContainText('未保存');
  await expect(page.getByTestId('save-state')).not.toContainText('正在');
  await page.reload();
  await expect(page.getByTestId('input-complaints-incidents-0-severe')).toBeChecked();
  await expect(flag).toHaveText('严重投诉:可考虑下岗');
  await page.getByTestId('item-complaints').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/rules-revision-field-sheet-zh.png` });
  await page.getByTestId('lang-en').click();
  await expect(flag).toHaveText('Severe complaint: dismissal may be considered');
  await expect(page.getByTestId('assessed-by-service-center.claims')).toHaveText('Assessed by the claims group');
  await page.screenshot({ path: `${SHOTS}/rules-revision-field-sheet-en.png` });
  await page.getByTestId('lang-zh').click();

  // The month grid names the flag too.
  await page.getByTestId('back-button').click();
  await expect(page.getByTestId('month-grid')).toContainText('严重投诉:可考虑下岗');

  // The rubric view: who assesses each item of field-service@2.
  await page.getByTestId('nav-rubrics').click();
  await page.getByTestId('rubric-role').selectOption('field-service');
  await expect(page.getByTestId('rubric-assessed-by-special')).toHaveText('由索赔组考核');
  await expect(page.getByTestId('rubric-assessed-by-whereabouts')).toHaveText('由现场管理组、函电组、索赔组、技术组、配件组考核');
  await expect(page.getByTestId('rubric-item-complaints')).toContainText('可标记为严重');
  await page.getByTestId('rubric-item-complaints').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/rules-revision-rubric-zh.png` });
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('rubric-assessed-by-special')).toHaveText('Assessed by the claims group');
  await page.getByTestId('rubric-item-complaints').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/rules-revision-rubric-en.png` });
});
