/**
 * An amendment through the chain to HR, in the browser, across four databases (browser mode each:
 * the EAST regional manager, sales planning, the VP, HR), files passed between them over HTTP as
 * the people would pass them:
 *   - S-101's version 1 is signed by the manager and goes through planning and the VP to HR,
 *     who imports it; S-102's version 1 waits in planning's inbox;
 *   - in the manager's UI, S-101's signed sheet offers 修订…: the reason first, then the change,
 *     saved as version 2 (history: v2 not exported, v1 amended), exported and signed in the UI;
 *     S-102 is amended too (over HTTP);
 *   - planning's inbox (UI) shows both amendments with their changes, S-101's linked to the
 *     version 1 it approved, S-102's version 1 superseded: no approve, the reason why, and the
 *     API refuses it (superseded);
 *   - S-101's version 2 is approved by planning and the VP; HR approves it in its UI and imports
 *     it: "replaced version 1 by amendment version 2"; HR's sheet keeps both versions (history 2).
 * Screenshots at 1366×768 in zh and en: test-results/screenshots/amend-*.png.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ChainRole, StoredFile } from '../../shared/api/types.ts';
import { expect, test } from './fixtures.ts';
import { callHttpRaw } from './http.ts';
import { noEnglish } from './noEnglish.ts';
import { approveAt, call, CHAIN_PASS, type ChainServer, fileOf, monthBeforeLast, startChain, stopServer } from './servers.ts';

const SHOTS = 'test-results/screenshots';
const PASS = CHAIN_PASS;
const REASON = '周转车辆违规漏记：车队于月底补交了违规记录，经核实予以更正。';
const REASON_102 = '广告计划表实际按时上交，原记录有误。';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ mode: 'serial' });

type Server = ChainServer;
const sha8 = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 8);
const file = fileOf;

const PERIOD = monthBeforeLast();
const apps = {} as Record<ChainRole, Server>;
const person = {} as Record<'S-101' | 'S-102', number>;
/** The files as they travel. */
const files = {} as Record<'101v1' | '101v1hr' | '102v1' | '101v2' | '102v2', StoredFile>;

/** Add `f` to `role`'s inbox and approve it there (signing as that step): the file it signs. */
const approve = (role: ChainRole, f: StoredFile) => approveAt(apps[role], role, f);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  Object.assign(apps, await startChain('amend'));
  const { manager, planning, hr } = apps;

  // Version 1 of both sheets, signed by the manager.
  const rows = await call(manager, 'sheets.month', { period: PERIOD });
  for (const no of ['S-101', 'S-102'] as const) {
    const row = rows.find((r) => r.employeeNo === no)!;
    expect(row.status).toBe('ready');
    person[no] = row.personId;
  }
  const exportV = (no: 'S-101' | 'S-102') => call(manager, 'sheets.export', { personId: person[no], period: PERIOD, fingerprint: manager.fingerprint, passphrase: PASS.manager, language: 'zh' });
  files['101v1'] = await exportV('S-101');
  files['102v1'] = await exportV('S-102');
  // S-101 v1 through the chain: HR approves and imports it.
  const fromVp = await approve('vp', await approve('planning', files['101v1']));
  files['101v1hr'] = await approve('hr', fromVp);
  expect(await call(hr, 'hr.import', { sha256: [files['101v1hr'].sha256] })).toMatchObject([{ outcome: 'imported', version: 1 }]);
  // S-102 v1 waits in planning's inbox.
  await call(planning, 'inbox.add', { files: [file(files['102v1'])] });
});

test.afterAll(async () => {
  await Promise.all(Object.values(apps).map(stopServer));
});

async function expectNoEnglish(page: Page, testIds: string[]) {
  for (const id of testIds) expect(await noEnglish(page.getByTestId(id)), id).toEqual([]);
}

test('the manager amends a signed sheet: the reason first, then the change, saved as version 2 and exported', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { manager } = apps;
  await page.goto(manager.url);
  await page.goto(`${manager.origin}/#/sheet/${person['S-101']}/${PERIOD}`);
  const locked = page.getByTestId('sheet-locked');
  await expect(locked).toBeVisible();
  await expect(locked).toContainText('只能通过修订更改');
  const box = page.getByTestId('input-vehicle-violated');
  await expect(box).toBeDisabled();
  const wasChecked = await box.isChecked();
  const before = await call(manager, 'sheets.get', { personId: person['S-101'], period: PERIOD });

  // 修订…: the reason is asked first and required.
  await page.getByTestId('amend-button').click();
  const dialog = page.getByTestId('amend-dialog');
  await expect(dialog).toContainText('修订评分表：第 2 版');
  await expect(dialog).toContainText('第 1 版已签署，将原样保留');
  await page.getByTestId('amend-start').click();
  await expect(dialog).toContainText('请先填写原因');
  await expect(box).toBeDisabled();
  await page.getByTestId('amend-reason').fill(REASON);
  await expect(dialog).toContainText(`${REASON.length} / 2000`);
  await page.screenshot({ path: `${SHOTS}/amend-dialog-zh.png` });
  // The language switch is behind the dialog's backdrop: a click event straight to it.
  await page.getByTestId('lang-en').first().dispatchEvent('click');
  await expect(dialog).toContainText('Amend the sheet: version 2');
  await page.screenshot({ path: `${SHOTS}/amend-dialog-en.png` });
  await page.getByTestId('lang-zh').first().dispatchEvent('click');
  await expect(dialog).toContainText('修订评分表：第 2 版');
  await expectNoEnglish(page, ['amend-dialog']);
  await page.getByTestId('amend-start').click();
  await expect(dialog).toBeHidden();

  // The draft: editable, saved only by "保存修订" (never automatically), no export meanwhile.
  await expect(page.getByTestId('amend-draft')).toContainText('修订草稿：第 2 版（修订第 1 版）');
  await expect(page.getByTestId('amend-draft-reason')).toHaveText(REASON);
  await expect(page.getByTestId('sheet-export')).toHaveCount(0);
  await expect(box).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/amend-draft-zh.png` });
  // Saving with nothing changed is refused, in Chinese.
  await page.getByTestId('amend-save').click();
  await expect(page.locator('aside')).toContainText('评分表的修订没有任何变更');
  await box.click();
  await page.waitForTimeout(2000); // longer than the autosave delay: nothing is saved on its own
  expect(await call(manager, 'sheets.get', { personId: person['S-101'], period: PERIOD })).toMatchObject({ status: 'signed', revision: before.revision, amendment: null });
  await page.getByTestId('amend-save').click();

  // Version 2 saved, ready to export; what changed; the history.
  const saved = page.getByTestId('amend-saved');
  await expect(saved).toContainText('第 2 版已保存：可以导出');
  await expect(saved.getByTestId('amendment-change')).toContainText('周转车辆管理');
  await expect(saved.getByTestId('amendment-change')).toContainText(wasChecked ? '违反 → 无扣分记录' : '无扣分记录 → 违反');
  const now = await call(manager, 'sheets.get', { personId: person['S-101'], period: PERIOD });
  expect(now).toMatchObject({ status: 'ready', amendment: { version: 2, amends: { version: 1, sha256: files['101v1'].sha256 }, reason: REASON } });
  await expect(saved.getByTestId('amendment-scores')).toContainText(`月度得分 ${before.result.monthlyScore} → ${now.result.monthlyScore}`);
  const history = page.getByTestId('sheet-history');
  await expect(history.getByTestId('history-status-2')).toHaveText('已保存，尚未导出');
  await expect(history.getByTestId('history-status-1')).toHaveText('已由第 2 版修订');
  await expect(history.getByTestId('history-sha-1')).toContainText(files['101v1'].sha256.slice(0, 12));
  await expect(history.getByTestId('history-reason-2')).toHaveText(REASON);
  await expect(history.getByTestId('history-changes-2')).toContainText('周转车辆管理');
  await expectNoEnglish(page, ['amend-saved', 'sheet-history']);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/amend-saved-zh.png` });
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-history-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(history.getByTestId('history-status-2')).toHaveText('saved, not exported yet');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-history-en.png` });
  await page.getByTestId('lang-zh').first().click();

  // Export and sign version 2 in the UI.
  await page.getByTestId('sheet-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-language').selectOption('zh');
  await page.getByTestId('export-passphrase').fill(PASS.manager);
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const download = await downloading;
  const path = join(apps.manager.dir, download.suggestedFilename());
  await download.saveAs(path);
  const bytes = readFileSync(path);
  files['101v2'] = { fileName: download.suggestedFilename(), dataBase64: bytes.toString('base64'), path, sha256: createHash('sha256').update(bytes).digest('hex') } as StoredFile;
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('sheet-locked')).toBeVisible();
  await expect(page.getByTestId('history-status-2')).toHaveText('已签署（当前）');
  await expect(page.getByTestId('sheet-history-count')).toHaveText('共 2 个版本');
  const signed = await call(manager, 'sheets.get', { personId: person['S-101'], period: PERIOD });
  expect(signed.versions.map((v) => [v.version, v.reason])).toEqual([
    [1, null],
    [2, REASON],
  ]);
  await expect(page.getByTestId('history-sha-2')).toContainText(signed.versions[1]!.sha256.slice(0, 12));
  expect(signed.versions[1]!.sha256).toBe(files['101v2'].sha256);
  expect(errors).toEqual([]);
});

test('planning’s inbox shows each amendment with its changes; the superseded version 1 can no longer be approved', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { manager, planning } = apps;
  // S-102 is amended too (the ad plan's count), exported and signed: version 2.
  const rec = await call(manager, 'sheets.get', { personId: person['S-102'], period: PERIOD });
  const occurrences = rec.input.items?.['ad-plan']?.occurrences ?? 0;
  const items = { ...rec.input.items, 'ad-plan': { ...rec.input.items?.['ad-plan'], occurrences: occurrences > 0 ? 0 : 1 } };
  await call(manager, 'sheets.amend', { personId: person['S-102'], period: PERIOD, entry: { items, absences: rec.input.absences ?? [], handIns: rec.input.handIns ?? {} }, reason: REASON_102, expectedRevision: rec.revision });
  files['102v2'] = await call(manager, 'sheets.export', { personId: person['S-102'], period: PERIOD, fingerprint: manager.fingerprint, passphrase: PASS.manager, language: 'zh' });

  await page.goto(planning.url);
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approvals-tab-inbox').click();
  await page.getByTestId('inbox-input').setInputFiles([
    { name: files['101v2'].fileName, mimeType: 'application/pdf', buffer: Buffer.from(files['101v2'].dataBase64, 'base64') },
    { name: files['102v2'].fileName, mimeType: 'application/pdf', buffer: Buffer.from(files['102v2'].dataBase64, 'base64') },
  ]);
  await expect(page.getByTestId('inbox-added')).toContainText('已添加 2 个文件');
  const [v2a, v2b, v1b] = [sha8(files['101v2'].dataBase64), sha8(files['102v2'].dataBase64), sha8(files['102v1'].dataBase64)];
  await expect(page.getByTestId(`inbox-amendment-${v2a}`)).toHaveText('修订 第 2 版');
  await expect(page.getByTestId(`inbox-amendment-${v2b}`)).toHaveText('修订 第 2 版');
  // S-102's version 1, still pending here: superseded, no approve, the reason in a few words.
  await expect(page.getByTestId(`inbox-superseded-${v1b}`)).toHaveText('已被取代');
  await expect(page.getByTestId(`inbox-approve-${v1b}`)).toHaveCount(0);
  await expect(page.getByTestId(`inbox-why-${v1b}`)).toHaveText('已被第 2 版取代');
  await expect(page.getByTestId(`inbox-approve-${v2b}`)).toBeVisible();
  // Over the API too: refused, superseded.
  const v1Entry = (await call(planning, 'inbox.list', { state: 'pending' })).find((e) => e.sha256 === files['102v1'].sha256)!;
  const refused = await callHttpRaw(planning.origin, planning.token, 'inbox.approve', { sha256: v1Entry.sha256, fingerprint: planning.fingerprint, passphrase: PASS.planning });
  expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', refusal: { code: 'superseded' } } });

  // Version 1's details: superseded, why, and a way to the amendment.
  await page.getByTestId(`inbox-row-${v1b}`).click();
  const details = page.getByTestId('inbox-details');
  await expect(details.getByTestId('inbox-unavailable')).toHaveAttribute('data-why', 'superseded');
  await expect(details.getByTestId('inbox-unavailable')).toContainText(`已被第 2 版（${files['102v2'].fileName}）取代：不能再审批此文件`);
  await expect(details.getByTestId('details-approve')).toHaveCount(0);
  await page.getByTestId('inbox-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-inbox-superseded-zh.png` });
  await details.getByTestId('details-show-newer').click();
  // The amendment: its version, the one it amends (linked), the reason, the changes item by item.
  const amendment = details.getByTestId('details-amendment');
  await expect(amendment).toContainText('修订 第 2 版 · 修订第 1 版');
  await expect(amendment).toContainText(files['102v1'].sha256.slice(0, 12));
  await expect(details.getByTestId('details-amendment-reason')).toHaveText(REASON_102);
  await expect(details.getByTestId('details-amendment-changes')).toContainText('广告计划表');
  await expect(details.getByTestId('details-amended-entry')).toContainText(files['102v1'].fileName);
  await expectNoEnglish(page, ['inbox-table', 'inbox-details']);
  await details.screenshot({ path: `${SHOTS}/amend-inbox-zh.png` });
  // S-101's amendment: linked to the version 1 planning approved.
  await page.getByTestId(`inbox-row-${v2a}`).click();
  await expect(details.getByTestId('details-amended-entry')).toContainText('已通过');
  await expect(details.getByTestId('details-amendment-changes')).toContainText('周转车辆管理');
  await details.getByTestId('details-show-amended').click();
  await expect(page.getByTestId('inbox-filter')).toHaveValue('all');
  await expect(details).toContainText(files['101v1'].sha256);
  await page.getByTestId(`inbox-row-${v1b}`).click();
  await page.getByTestId('lang-en').first().click();
  await expect(details.getByTestId('inbox-unavailable')).toContainText('Superseded by version 2');
  await page.getByTestId('inbox-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-inbox-superseded-en.png` });
  await page.getByTestId(`inbox-row-${v2b}`).click();
  await expect(details.getByTestId('details-amendment')).toContainText('Amendment v2 · amends version 1');
  await details.screenshot({ path: `${SHOTS}/amend-inbox-en.png` });
  await page.getByTestId('lang-zh').first().click();
  expect(errors).toEqual([]);
});

test('version 2 goes through to HR: approved and imported, it replaces version 1; HR keeps both versions', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { hr } = apps;
  // Planning and the VP approve S-101's version 2 (planning's entry is in its inbox already).
  const entry = (await call(apps.planning, 'inbox.list', { state: 'pending' })).find((e) => e.sha256 === files['101v2'].sha256)!;
  const fromPlanning = (await call(apps.planning, 'inbox.approve', { sha256: entry.sha256, fingerprint: apps.planning.fingerprint, passphrase: PASS.planning })).file;
  const fromVp = await approve('vp', fromPlanning);

  await page.goto(hr.url);
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approvals-tab-inbox').click();
  await page.getByTestId('inbox-input').setInputFiles([{ name: fromVp.fileName, mimeType: 'application/pdf', buffer: Buffer.from(fromVp.dataBase64, 'base64') }]);
  const id = sha8(fromVp.dataBase64);
  await expect(page.getByTestId(`inbox-amendment-${id}`)).toHaveText('修订 第 2 版');
  await page.getByTestId(`inbox-row-${id}`).click();
  const details = page.getByTestId('inbox-details');
  await expect(details.getByTestId('details-amended-entry')).toContainText('已导入');
  await page.getByTestId(`inbox-approve-${id}`).click();
  await expect(page.getByTestId('approve-amendment')).toHaveText(`修订 第 2 版 · 您签署的是对第 1 版的修订。原因：${REASON}`);
  await page.getByTestId('approve-passphrase').fill(PASS.hr);
  await expect(page.getByTestId('approve-then-import')).toBeChecked();
  await page.getByTestId('approve-confirm').click();
  const imported = page.getByTestId('hr-import-result');
  await expect(imported).toBeVisible({ timeout: 30_000 });
  await expect(imported.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'replaced');
  await expect(imported.getByTestId('hr-import-replaced')).toHaveText('已用修订第 2 版取代第 1 版');
  await page.screenshot({ path: `${SHOTS}/amend-hr-import-zh.png` });
  await imported.getByTestId('hr-import-open-sheet').click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // HR's sheet: approved, read-only (only the manager amends it), both versions kept with their files.
  await expect(page.getByTestId('sheet-locked')).toContainText('只有本表审批链的第一步（区域经理）可以修订');
  await expect(page.getByTestId('amend-button')).toHaveCount(0);
  const history = page.getByTestId('sheet-history');
  await expect(page.getByTestId('sheet-history-count')).toHaveText('共 2 个版本');
  await expect(history.getByTestId('history-status-2')).toHaveText('已审批（当前）');
  await expect(history.getByTestId('history-status-1')).toHaveText('已由第 2 版修订');
  await expect(history.getByTestId('history-reason-2')).toHaveText(REASON);
  await expect(history.getByTestId('history-changes-2')).toContainText('周转车辆管理');
  const rec = await call(hr, 'sheets.get', { personId: (await call(hr, 'sheets.month', { period: PERIOD })).find((r) => r.employeeNo === 'S-101')!.personId, period: PERIOD });
  expect(rec.versions.map((v) => [v.version, v.sha256, v.reason])).toEqual([
    [1, files['101v1'].sha256, null],
    [2, files['101v2'].sha256, REASON],
  ]);
  await expectNoEnglish(page, ['sheet-history', 'sheet-locked']);
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-hr-history-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(history.getByTestId('history-status-2')).toHaveText('approved (current)');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/amend-hr-history-en.png` });
  await page.getByTestId('lang-zh').first().click();

  // HR's month grid: the row says its sheet is amendment version 2.
  await page.goto(`${hr.origin}/#/scoring/${PERIOD}`);
  const row = page.getByTestId('month-grid').getByRole('row').filter({ hasText: 'S-101' });
  await expect(row.locator('[data-amendment="2"]')).toHaveText('修订 第 2 版');
  await expect(page.getByTestId('month-grid').locator('[data-amendment]')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/amend-month-zh.png` });

  // HR's pay view: the score comes from amendment version 2, and says so.
  await page.goto(`${hr.origin}/#/reports/pay/${PERIOD}`);
  const marked = page.getByTestId('pay-view').locator('[data-amendment]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('data-amendment', '2');
  await expect(marked).toContainText('修订 第 2 版');
  await expect(marked).toContainText(new RegExp(`^(${rec.result.dailyScore}|${rec.result.monthlyScore})`));
  await page.screenshot({ path: `${SHOTS}/amend-pay-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(marked).toContainText('Amendment v2');
  await page.screenshot({ path: `${SHOTS}/amend-pay-en.png` });
  await page.getByTestId('lang-zh').first().click();
  expect(errors).toEqual([]);
});
