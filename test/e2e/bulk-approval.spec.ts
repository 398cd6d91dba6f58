/**
 * Reviewing at scale, in the browser at 1366×768, across three databases:
 *   the regional manager of EAST exports and signs the region's month (over HTTP: sheets.exportMonth);
 *   sales planning opens its app and starts on Approvals, adds the files and the region summary
 *   (shown with the sheets it lists), removes a refused file, sees the month of EAST
 *   waiting for it in the overview and approves them all with one passphrase (a progress bar, a
 *   result list, the signed files as one zip);
 *   the VP adds the files planning produced (from that zip), unlocks its identity for the session
 *   (the lock in the top bar), returns two sheets with one reason and approves the rest without a
 *   passphrase; left idle, the identity locks again and the passphrase is asked again.
 * Screenshots in Chinese (planning) and English (the VP).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { call, type Server, startServer, stopServer } from './servers.ts';
import { noEnglish } from './noEnglish.ts';

const SHOTS = 'test-results/screenshots';
const PASS = { manager: 'manager pass 1', planning: 'planning pass 2', vp: 'vp pass 3' };
/** The VP's app locks an unlocked identity after this much idle time (SCORECARD_UNLOCK_IDLE_MS). */
const IDLE_MS = 6000;

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ mode: 'serial' });


/** The month before last: every demo sheet of it is ready. */
function period(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const PERIOD = period();
let manager: Server | undefined;
let planning: Server | undefined;
let vp: Server | undefined;
let work: string;
/** The manager's signed files of EAST's month. */
const exported: { name: string; buffer: Buffer }[] = [];
/** EAST's region summary, signed by the manager, listing those files. */
let summary: { name: string; buffer: Buffer };
/** The files sales planning signed (from its zip). */
let planned: { name: string; buffer: Buffer }[] = [];

async function certificate(server: Server, fingerprint: string) {
  return call(server, 'identities.exportCertificate', { fingerprint, format: 'der' });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  manager = await startServer('bulk');
  planning = await startServer('bulk');
  vp = await startServer('bulk', { SCORECARD_UNLOCK_IDLE_MS: String(IDLE_MS) });
  work = join(manager.dir, 'work');
  mkdirSync(work, { recursive: true });

  await call(manager, 'demo.load', {});
  const regions = await call(manager, 'regions.list', {});
  const east = regions.find((r) => r.code === 'EAST')!;
  await call(manager, 'user.set', { name: '王磊', chainRole: 'manager', regionId: east.id });
  const m = await call(manager, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASS.manager });

  await call(planning, 'user.set', { name: '李娜', chainRole: 'planning', regionId: null });
  const p = await call(planning, 'identities.create', { name: '李娜', role: 'planning', passphrase: PASS.planning });
  await call(vp, 'user.set', { name: 'Zhang Wei', chainRole: 'vp', regionId: null });
  await call(vp, 'settings.setLanguage', { language: 'en' });
  await call(vp, 'identities.create', { name: 'Zhang Wei', role: 'vp', passphrase: PASS.vp });
  await call(planning, 'trust.add', await certificate(manager, m.fingerprint));
  await call(vp, 'trust.add', await certificate(manager, m.fingerprint));
  await call(vp, 'trust.add', await certificate(planning, p.fingerprint));

  // EAST's month, exported and signed by its manager as one job.
  const { jobId } = await call(manager, 'sheets.exportMonth', { period: PERIOD, regionId: east.id, fingerprint: m.fingerprint, passphrase: PASS.manager, language: 'zh' });
  let job = await call(manager, 'jobs.get', { jobId });
  while (!job.finished) {
    await new Promise((r) => setTimeout(r, 200));
    job = await call(manager, 'jobs.get', { jobId });
  }
  expect(job.failures).toEqual([]);
  expect(job.files.length).toBeGreaterThanOrEqual(8);
  for (const f of job.files) {
    const file = await call(manager, 'exports.get', { sha256: f.sha256 });
    exported.push({ name: file.fileName, buffer: Buffer.from(file.dataBase64, 'base64') });
  }
  const s = await call(manager, 'exports.get', { sha256: job.summary!.sha256 });
  summary = { name: s.fileName, buffer: Buffer.from(s.dataBase64, 'base64') };
});

test.afterAll(async () => {
  await Promise.all([stopServer(manager), stopServer(planning), stopServer(vp)]);
});

/** Add files to the inbox through its file input; wait for the added message. */
async function addFiles(page: Page, files: { name: string; buffer: Buffer }[]) {
  await page.getByTestId('inbox-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/pdf', buffer: f.buffer })));
  await expect(page.getByTestId('inbox-added')).toBeVisible({ timeout: 60_000 });
}

const overviewRow = (page: Page) => page.getByTestId(`overview-${PERIOD}-EAST`);

test('sales planning starts on Approvals and approves EAST’s month in one go', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(planning!.url);
  // A reviewer's app opens on Approvals, not the month grid.
  await expect(page.getByTestId('approvals-screen')).toBeVisible();
  await expect(page).toHaveURL(/#\/approvals$/);
  await expect(page.getByTestId('inbox-overview-empty')).toBeVisible();
  await expect(page.getByTestId('session-lock')).toHaveAttribute('data-state', 'locked');

  await addFiles(page, [summary, ...exported]);
  await expect(page.getByTestId(`overview-pending-${PERIOD}-EAST`)).toHaveText(String(exported.length));
  // The region summary is a file of its own: verified, it lists the month's sheets, all in the inbox.
  await page.locator('[data-testid^="inbox-summary-"]').click();
  const details = page.getByTestId('summary-details');
  await expect(details.getByTestId('summary-lists')).toHaveText(`列出 ${exported.length} 份评分表;其中 ${exported.length} 份在本收件箱中。`);
  await expect(details.getByTestId('summary-approve')).toHaveText(`审批这 ${exported.length} 份…`);
  // Its flags in words, not item ids.
  await expect(details).toContainText('加倍扣分：促销效果评价');
  await expect(details).not.toContainText('promotion-review');
  await expect(details).not.toContainText('dealer.');
  await details.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/bulk-summary-zh.png` });
  expect(await noEnglish(details), 'the region summary').toEqual([]);
  // A refused file (changed after signing) can be removed from the inbox.
  const tampered = Buffer.from(exported[0]!.buffer);
  tampered.writeUInt8(tampered.readUInt8(tampered.length >> 1) ^ 1, tampered.length >> 1);
  await addFiles(page, [{ name: '篡改.pdf', buffer: tampered }]);
  const id = createHash('sha256').update(tampered).digest('hex').slice(0, 8);
  await page.getByTestId(`inbox-remove-${id}`).click();
  await expect(page.getByTestId('remove-dialog')).toContainText('篡改.pdf 未通过验证');
  await page.getByTestId('remove-confirm').click();
  await expect(page.getByTestId(`inbox-row-${id}`)).toHaveCount(0);
  await page.getByTestId('inbox-overview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/bulk-overview-zh.png` });
  expect(await noEnglish(page.locator('main')), 'the overview').toEqual([]);

  await overviewRow(page).getByTestId(`overview-approve-${PERIOD}-EAST`).click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog).toContainText(`${exported.length} 份待您审批`);
  // A wrong passphrase: nothing starts, the field says so.
  await dialog.getByTestId('bulk-passphrase').fill('wrong');
  await dialog.getByTestId('bulk-confirm').click();
  await expect(dialog.getByTestId('bulk-passphrase')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByTestId('bulk-passphrase').fill(PASS.planning);
  await dialog.getByTestId('bulk-text').fill('销售计划部:已核对');
  await dialog.getByTestId('bulk-confirm').click();
  const result = dialog.getByTestId('bulk-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toHaveAttribute('data-done', String(exported.length));
  await expect(result).toHaveAttribute('data-skipped', '0');
  await expect(result).toContainText(`已签署 ${exported.length} 份`);
  await expect(result).toContainText('下一环节:销售副总经理');
  await expect(dialog.getByTestId('bulk-folder')).toContainText(join('approved', PERIOD));
  await page.screenshot({ path: `${SHOTS}/bulk-approved-zh.png` });
  // The dialog's words (the folder's path aside: a path is a path in any language).
  expect(await noEnglish(dialog.locator('h2, p, button, [data-testid="bulk-done"]')), 'the bulk result').toEqual([]);

  // The signed files as one zip.
  const downloading = page.waitForEvent('download');
  await dialog.getByTestId('bulk-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^approved-\\d{4}-\\d{2}-\\d{2}-${exported.length}\\.zip$`));
  const zipPath = join(work, 'planning.zip');
  await download.saveAs(zipPath);
  const out = join(work, 'planned');
  mkdirSync(out, { recursive: true });
  execFileSync('unzip', ['-q', '-o', zipPath, '-d', out]);
  planned = readdirSync(out).map((name) => ({ name, buffer: readFileSync(join(out, name)) }));
  expect(planned.map((f) => f.name).sort()).toEqual(exported.map((f) => f.name).sort());
  // Each carries two valid signatures (pdfsig), the manager's and planning's.
  const sig = execFileSync('pdfsig', [join(out, planned[0]!.name)], { encoding: 'utf8' });
  expect(sig.match(/Signature is Valid/g)).toHaveLength(2);

  await dialog.getByTestId('bulk-close').click();
  await expect(page.getByTestId(`overview-pending-${PERIOD}-EAST`)).toHaveText('0');
  await expect(page.getByTestId(`overview-approved-${PERIOD}-EAST`)).toHaveText(String(exported.length));
});

test('the VP unlocks for the session, returns two with one reason, approves the rest without a passphrase; idle, it locks again', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(vp!.url);
  await expect(page.getByTestId('approvals-screen')).toBeVisible();
  await addFiles(page, planned);
  await expect(page.getByTestId(`overview-pending-${PERIOD}-EAST`)).toHaveText(String(planned.length));

  // Unlock the identity for the session: the lock in the top bar.
  const lock = page.getByTestId('session-lock');
  await expect(lock).toHaveAttribute('data-state', 'locked');
  await lock.click();
  const unlock = page.getByTestId('unlock-dialog');
  await unlock.getByTestId('unlock-passphrase').fill(PASS.vp);
  await page.screenshot({ path: `${SHOTS}/bulk-unlock-en.png` });
  await unlock.getByTestId('unlock-confirm').click();
  await expect(unlock).toBeHidden();
  await expect(lock).toHaveAttribute('data-state', 'unlocked');
  await expect(lock).toContainText('Zhang Wei');

  // Two rows checked: returned with one reason, no passphrase asked.
  const rows = page.locator('[data-testid^="inbox-check-"]:not([data-testid="inbox-check-all"])');
  await rows.nth(0).check();
  await rows.nth(1).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('2 sheets selected');
  await page.getByTestId('bulk-return').click();
  let dialog = page.getByTestId('bulk-dialog');
  await expect(dialog.getByTestId('bulk-unlocked')).toBeVisible();
  await expect(dialog.getByTestId('bulk-passphrase')).toHaveCount(0);
  await dialog.getByTestId('bulk-text').fill('Attendance records to be checked');
  await page.screenshot({ path: `${SHOTS}/bulk-return-en.png` });
  await dialog.getByTestId('bulk-confirm').click();
  await expect(dialog.getByTestId('bulk-result')).toHaveAttribute('data-done', '2', { timeout: 60_000 });
  await expect(dialog.getByTestId('bulk-result')).toContainText('2 sheets returned.');
  await dialog.getByTestId('bulk-close').click();
  await expect(page.getByTestId(`overview-returned-${PERIOD}-EAST`)).toHaveText('2');

  // The rest of EAST's month from the overview, still without a passphrase.
  const rest = planned.length - 2;
  await expect(page.getByTestId(`overview-pending-${PERIOD}-EAST`)).toHaveText(String(rest));
  await page.getByTestId(`overview-approve-${PERIOD}-EAST`).click();
  dialog = page.getByTestId('bulk-dialog');
  await expect(dialog.getByTestId('bulk-unlocked')).toBeVisible();
  await dialog.getByTestId('bulk-confirm').click();
  const result = dialog.getByTestId('bulk-result');
  await expect(result).toHaveAttribute('data-done', String(rest), { timeout: 120_000 });
  await expect(result).toContainText(`${rest} sheets signed.`);
  await expect(result).toContainText('Next: Human resources');
  // Checked with the verdicts kept when the files arrived (nothing changed since).
  await expect(result).toContainText(`${rest} checked with the verdict kept when the file arrived`);
  await page.screenshot({ path: `${SHOTS}/bulk-approved-en.png` });
  await dialog.getByTestId('bulk-close').click();
  await expect(page.getByTestId(`overview-approved-${PERIOD}-EAST`)).toHaveText(String(rest));
  await page.screenshot({ path: `${SHOTS}/bulk-overview-en.png` });

  // Left idle, the identity locks again; the passphrase is asked again.
  await expect(lock).toHaveAttribute('data-state', 'locked', { timeout: IDLE_MS + 15_000 });
  expect(await call(vp!, 'identities.unlocked', {})).toEqual({ idleMs: IDLE_MS, unlocked: [] });
  await lock.click();
  await expect(page.getByTestId('unlock-dialog').getByTestId('unlock-passphrase')).toBeVisible();
  await expect(page.getByTestId('unlock-dialog')).toContainText('it locks again after 1 minute without use');
  await page.screenshot({ path: `${SHOTS}/bulk-locked-en.png` });
});
