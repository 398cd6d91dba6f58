/**
 * The approval chain end to end, in the browser, across two databases:
 *   server 1 — the regional manager's database: demo organisation, a manager identity, two
 *   salespeople's sheets exported and signed: S-101 through its UI (the sheet screen's "Export
 *   and sign", the signed PDF downloaded), S-102 with sheets.export over HTTP;
 *   the middle of the chain — sales planning, then the VP — with the `scorecard` command line;
 *   server 2 — HR's database, all through its UI: trust the certificates, drop the files into
 *   the Approvals inbox, see them verified with their chain, approve (HR signs last) and import
 *   into HR's database; refused files show their reason; a returned sheet's note is imported by
 *   the manager's app (server 1's UI), where the sheet becomes "returned".
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { call, copyRoster, type Server, startServer, stopServer } from './servers.ts';

const SHOTS = 'test-results/screenshots';
const PASS = 'correct horse battery';
const run = promisify(execFile);

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });


/** `scorecard …` as a user runs it (passphrase from SCORECARD_PASSPHRASE). */
async function scorecard(...args: string[]) {
  const { stdout } = await run(process.execPath, ['electron/cli/bin.mjs', ...args], { env: { ...process.env, SCORECARD_PASSPHRASE: PASS } });
  return stdout;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sha8 = (bytes: Buffer) => sha256(bytes).slice(0, 8);

/** The month before last: every demo sheet of it is ready. */
function period(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

let manager: Server | undefined;
let hr: Server | undefined;
let work: string;
const PERIOD = period();
/** The two sheets, signed by the manager, sales planning and the VP (S-101 by the first test). */
const sheets = {} as Record<'S-101' | 'S-102', { name: string; file: string; bytes: Buffer; monthlyScore: number }>;
let managerCert: Buffer;
let planningP12: string;
let vpP12: string;
let planningCert: string;
let vpCert: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [manager, hr] = await Promise.all([startServer('approvals'), startServer('approvals')]);
  work = join(manager.dir, 'work');
  mkdirSync(work, { recursive: true });

  // Server 1: the regional manager of EAST, the demo organisation, a signing identity.
  await call(manager, 'demo.load', {});
  const regions = await call(manager, 'regions.list', {});
  await call(manager, 'user.set', { name: '王磊', chainRole: 'manager', regionId: regions.find((r) => r.code === 'EAST')!.id });
  // The manager is the demo's regional manager of EAST (M-101): the identity carries the employee number.
  const identity = await call(manager, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASS });
  const cert = await call(manager, 'identities.exportCertificate', { fingerprint: identity.fingerprint, format: 'der' });
  managerCert = Buffer.from(cert.dataBase64, 'base64');

  // Server 2, HR: the organisation's roster (regions and people, no sheets), which HR's import checks each sheet against.
  await copyRoster(manager, hr);

  // Both sheets are ready; S-102 is exported and signed here, S-101 through the UI by the first test.
  const rows = await call(manager, 'sheets.month', { period: PERIOD });
  for (const employeeNo of ['S-101', 'S-102'] as const) {
    const row = rows.find((r) => r.employeeNo === employeeNo)!;
    expect(row.status).toBe('ready');
    sheets[employeeNo] = { name: row.name, file: '', bytes: Buffer.alloc(0), monthlyScore: row.monthlyScore! };
  }
  const exported = await call(manager, 'sheets.export', {
    personId: rows.find((r) => r.employeeNo === 'S-102')!.personId,
    period: PERIOD,
    fingerprint: identity.fingerprint,
    passphrase: PASS,
    language: 'zh',
  });
  sheets['S-102'].file = join(work, exported.fileName);
  writeFileSync(sheets['S-102'].file, Buffer.from(exported.dataBase64, 'base64'));

  // The identities of sales planning and the VP, who sign with the command line (the chain of assessment.md §1).
  planningP12 = join(work, 'planning.p12');
  vpP12 = join(work, 'vp.p12');
  await Promise.all([
    scorecard('identity', 'create', '--name', '赵计划', '--role', 'planning', '--out', planningP12),
    scorecard('identity', 'create', '--name', '钱副总', '--role', 'vp', '--out', vpP12),
  ]);
  planningCert = join(work, 'planning.cer');
  vpCert = join(work, 'vp.cer');
});

test.afterAll(async () => {
  await Promise.all([stopServer(manager), stopServer(hr)]);
});

/** First run of HR's app: who we are, an HR signing identity, the certificates of the chain trusted. */
async function setUpHr(page: Page) {
  await page.goto(hr!.url);
  await page.getByTestId('identity-name').fill('孙人事');
  await page.getByTestId('identity-role').selectOption('hr');
  await page.getByTestId('identity-save').click();
  await expect(page.getByTestId('current-user')).toContainText('孙人事');

  await page.getByTestId('nav-signatures').click();
  await page.getByTestId('identity-create').click();
  await expect(page.getByTestId('identity-create-role')).toHaveValue('hr');
  await page.getByTestId('identity-create-passphrase').fill(PASS);
  await page.getByTestId('identity-create-passphrase2').fill(PASS);
  await page.getByTestId('identity-create-save').click();
  await expect(page.getByRole('dialog')).toBeHidden({ timeout: 30_000 });
  for (const [name, buffer] of [
    ['wang-manager.cer', managerCert],
    ['planning.cer', readFileSync(planningCert)],
    ['vp.cer', readFileSync(vpCert)],
  ] as const) {
    await page.getByTestId('trust-add-input').setInputFiles({ name, mimeType: 'application/pkix-cert', buffer });
    await expect(page.getByTestId('trust-added')).toBeVisible();
  }
  const trust = page.getByTestId('trust-table');
  for (const text of ['王磊', '赵计划', '钱副总', '孙人事']) await expect(trust).toContainText(text);
}

async function openInbox(page: Page) {
  await page.getByTestId('nav-approvals').click();
  await expect(page).toHaveURL(/#\/approvals$/);
  await page.getByTestId('approvals-tab-inbox').click();
}

/**
 * The regional manager exports and signs S-101 in server 1's UI: the month grid, the sheet, its
 * "Export and sign" dialog; the signed PDF is downloaded into the work folder.
 */
async function exportThroughUi(browser: Browser, errors: string[]) {
  const s = sheets['S-101'];
  const page = await openManager(browser);
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${manager!.origin}/#/scoring/${PERIOD}`);
  const row = page.getByTestId('month-grid').getByRole('row').filter({ hasText: 'S-101' });
  await expect(row).toContainText('已完成');
  await row.dblclick();
  await expect(page.getByTestId('sheet-person')).toContainText(s.name);

  await page.getByTestId('sheet-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-identity').locator('option:checked')).toContainText('王磊');
  await page.getByTestId('export-language').selectOption('zh');
  await page.getByTestId('export-passphrase').fill(PASS);
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const download = await downloading;
  s.file = join(work, download.suggestedFilename());
  await download.saveAs(s.file);
  expect(readFileSync(s.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sheet-person').locator('xpath=..').locator('[data-status]')).toHaveAttribute('data-status', 'signed');
  await page.close();
}

test('HR receives the signed sheets in the inbox, approves one (signing last) and imports it into its database', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Server 1's UI: the manager exports and signs S-101; then sales planning and the VP sign both files.
  await exportThroughUi(browser, errors);
  const files = [sheets['S-101'].file, sheets['S-102'].file];
  await scorecard('sign', ...files, '--identity', planningP12, '--comment', '计划部同意');
  await scorecard('sign', ...files, '--identity', vpP12, '--comment', '同意');
  for (const s of Object.values(sheets)) s.bytes = readFileSync(s.file);

  await setUpHr(page);
  await openInbox(page);
  await expect(page.getByTestId('inbox-empty')).toBeVisible();

  // Both files at once through the file dialog (S-101 as the manager's UI downloaded it, signed since); each is verified with its chain.
  const a = sheets['S-101'];
  const b = sheets['S-102'];
  await page.getByTestId('inbox-input').setInputFiles([
    { name: 'S-101.pdf', mimeType: 'application/pdf', buffer: a.bytes },
    { name: 'S-102.pdf', mimeType: 'application/pdf', buffer: b.bytes },
  ]);
  await expect(page.getByTestId('inbox-added')).toContainText('已添加 2 个文件:2 个校验通过');
  for (const s of [a, b]) {
    const id = sha8(s.bytes);
    await expect(page.getByTestId(`inbox-verdict-${id}`)).toHaveAttribute('data-verdict', 'ok');
    await expect(page.getByTestId(`inbox-verdict-${id}`)).toContainText('校验通过');
    const chain = page.getByTestId(`inbox-chain-${id}`);
    await expect(chain.getByTestId('chain-step-manager')).toHaveAttribute('data-state', 'signed');
    await expect(chain.getByTestId('chain-step-manager')).toContainText('区域经理 · 王磊');
    await expect(chain.getByTestId('chain-step-planning')).toContainText('销售计划部 · 赵计划');
    await expect(chain.getByTestId('chain-step-vp')).toContainText('销售副总经理 · 钱副总');
    await expect(chain.getByTestId('chain-step-hr')).toHaveAttribute('data-state', 'next');
    await expect(page.getByTestId(`inbox-row-${id}`)).toContainText(s.name);
    await expect(page.getByTestId(`inbox-row-${id}`)).toContainText(PERIOD);
    await expect(page.getByTestId(`inbox-row-${id}`)).toContainText(String(s.monthlyScore));
    await expect(page.getByTestId(`inbox-approve-${id}`)).toBeVisible();
    await expect(page.getByTestId(`inbox-return-${id}`)).toBeVisible();
  }

  // Details of the first: the chain in full, and that the next step is this user's.
  const idA = sha8(a.bytes);
  await page.getByTestId(`inbox-row-${idA}`).click();
  const details = page.getByTestId('inbox-details');
  await expect(details).toContainText(a.name);
  await expect(details.getByTestId('inbox-details-chain')).toContainText('计划部同意');
  await expect(details.getByTestId('inbox-available')).toContainText('下一步轮到您(人力资源部)');
  await page.screenshot({ path: `${SHOTS}/approvals-inbox-zh.png`, fullPage: true });

  // Approve: the HR identity, the passphrase, a comment; then straight into HR's database.
  await page.getByTestId(`inbox-approve-${idA}`).click();
  await expect(page.getByTestId('approve-identity')).toContainText('孙人事');
  await expect(page.getByTestId('approve-then-import')).toBeChecked();
  await page.getByTestId('approve-passphrase').fill('wrong passphrase');
  await page.getByTestId('approve-comment').fill('人力资源部审核通过');
  await page.getByTestId('approve-confirm').click();
  await expect(page.getByTestId('approve-passphrase')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('dialog')).toContainText('口令不正确');
  await page.getByTestId('approve-passphrase').fill(PASS);
  await page.screenshot({ path: `${SHOTS}/approvals-approve-zh.png` });
  await page.getByTestId('approve-confirm').click();
  const result = page.getByTestId('approve-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-complete', 'true');
  await expect(result).toContainText('审批流程已完成');
  const imported = page.getByTestId('hr-import-result');
  await expect(imported).toBeVisible({ timeout: 30_000 });
  await expect(imported.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'imported');
  await expect(imported).toContainText('已导入');

  // The signed file, offered as a download: four signatures, HR's last, verified by the command line.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('approve-download').click();
  const download = await downloading;
  const approvedPath = join(work, `approved-${download.suggestedFilename()}`);
  await download.saveAs(approvedPath);
  const approved = readFileSync(approvedPath);
  expect(approved.subarray(0, 5).toString()).toBe('%PDF-');
  const hrIdentity = (await call(hr!, 'identities.list', {}))[0]!;
  const hrCert = await call(hr!, 'identities.exportCertificate', { fingerprint: hrIdentity.fingerprint, format: 'der' });
  const trustDir = join(work, 'trust');
  mkdirSync(trustDir, { recursive: true });
  writeFileSync(join(trustDir, 'manager.cer'), managerCert);
  writeFileSync(join(trustDir, 'planning.cer'), readFileSync(planningCert));
  writeFileSync(join(trustDir, 'vp.cer'), readFileSync(vpCert));
  writeFileSync(join(trustDir, 'hr.cer'), Buffer.from(hrCert.dataBase64, 'base64'));
  const verified = JSON.parse(await scorecard('verify', approvedPath, '--trust', trustDir, '--json')) as unknown;
  expect(JSON.stringify(verified)).toContain('"ok":true');
  await expect(imported.getByTestId(`hr-import-result-${sha8(approved)}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/approvals-approved-zh.png` });
  await page.getByTestId('approve-close').click();

  // The original leaves "pending"; under "all": approved (handled), and the new file imported.
  await expect(page.getByTestId(`inbox-row-${idA}`)).toHaveCount(0);
  await page.getByTestId('inbox-filter').selectOption('all');
  await expect(page.getByTestId(`inbox-state-${idA}`)).toHaveAttribute('data-state', 'approved');
  await expect(page.getByTestId(`inbox-why-${idA}`)).toContainText('已处理(已通过)');
  await expect(page.getByTestId(`inbox-chain-${idA}`).getByTestId('chain-step-hr')).toHaveAttribute('data-state', 'approved');
  const idApproved = sha8(approved);
  await expect(page.getByTestId(`inbox-state-${idApproved}`)).toHaveAttribute('data-state', 'imported');
  await expect(page.getByTestId(`inbox-chain-${idApproved}`).getByTestId('chain-step-hr')).toContainText('人力资源部 · 孙人事');
  await page.getByTestId(`inbox-row-${idApproved}`).click();
  await expect(page.getByTestId('inbox-unavailable')).toHaveAttribute('data-why', 'handled');
  await expect(page.getByTestId('inbox-details')).toContainText('人力资源部审核通过');

  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId(`inbox-state-${idApproved}`)).toContainText('Imported');
  await expect(page.getByTestId(`inbox-chain-${idApproved}`).getByTestId('chain-step-vp')).toContainText('Sales VP');
  await page.screenshot({ path: `${SHOTS}/approvals-inbox-all-en.png`, fullPage: true });
  await page.getByTestId('lang-zh').first().click();

  // HR's database now holds the approved sheet: the month grid shows it, and sheets.month says so.
  await page.goto(`${hr!.origin}/#/scoring/${PERIOD}`);
  const grid = page.getByTestId('month-grid');
  await expect(grid).toContainText(a.name);
  await expect(grid.getByRole('row').filter({ hasText: a.name })).toContainText('已审批');
  const hrRows = await call(hr!, 'sheets.month', { period: PERIOD });
  const row = hrRows.find((r) => r.employeeNo === 'S-101');
  expect(row).toMatchObject({ name: a.name, status: 'approved', monthlyScore: a.monthlyScore });
  // S-102 is in HR's roster, its sheet not imported.
  expect(hrRows.find((r) => r.employeeNo === 'S-102')).toMatchObject({ status: 'not-started', monthlyScore: null });
  // HR opens the approved sheet: read-only, the banner says why; nothing to type into or save.
  await page.goto(`${hr!.origin}/#/sheet/${row!.personId}/${PERIOD}`);
  await expect(page.getByTestId('sheet-locked')).toContainText('已审批(定稿)');
  await expect(page.getByTestId('sheet-items')).toHaveAttribute('disabled');
  await expect(page.getByTestId('save-button')).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SHOTS}/sheet-approved-readonly-zh.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Importing the same file again is one record.
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approvals-tab-hr').click();
  await page.getByTestId('hr-input').setInputFiles({ name: 'again.pdf', mimeType: 'application/pdf', buffer: approved });
  await expect(page.getByTestId('hr-import-result').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'already-imported');
  await expect(page.getByTestId('hr-choose')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/approvals-hr-zh.png` });
  expect(errors).toEqual([]);
});

test('refused files show why, in red; oversized and non-PDF files are named; folders are walked', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hr!.url);
  await openInbox(page);

  const b = sheets['S-102'];
  const tampered = Buffer.from(b.bytes);
  const at = Math.floor(tampered.indexOf('%%EOF') / 2); // inside the first revision, which the manager's signature covers
  tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
  const notPdf = Buffer.from('这不是 PDF 文件\n', 'utf8');
  await page.getByTestId('inbox-input').setInputFiles([
    { name: 'not-a-sheet.pdf', mimeType: 'application/pdf', buffer: notPdf },
    { name: 'S-102-tampered.pdf', mimeType: 'application/pdf', buffer: tampered },
    { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') },
  ]);
  await expect(page.getByTestId('inbox-too-big')).toContainText('huge.pdf');
  await expect(page.getByTestId('inbox-too-big')).toContainText('huge.pdf(10.1 MB)超过 10 MB,未发送');
  await expect(page.getByTestId('inbox-skipped')).toContainText('notes.txt');
  await expect(page.getByTestId('inbox-added')).toContainText('已添加 2 个文件:0 个校验通过,2 个被拒');

  const notPdfVerdict = page.getByTestId(`inbox-verdict-${sha8(notPdf)}`);
  await expect(notPdfVerdict).toHaveAttribute('data-verdict', 'refused');
  await expect(notPdfVerdict).toHaveAttribute('data-check', 'pdf-format');
  await expect(notPdfVerdict).toContainText('不是 PDF 文件');
  const tamperedVerdict = page.getByTestId(`inbox-verdict-${sha8(tampered)}`);
  await expect(tamperedVerdict).toHaveAttribute('data-verdict', 'refused');
  await expect(tamperedVerdict).toContainText('已拒绝');
  await expect(page.getByTestId(`inbox-approve-${sha8(tampered)}`)).toHaveCount(0);
  await expect(page.getByTestId(`inbox-why-${sha8(tampered)}`)).toContainText('已拒绝');
  await page.getByTestId(`inbox-row-${sha8(tampered)}`).click();
  await expect(page.getByTestId('inbox-unavailable')).toHaveAttribute('data-why', 'refused');
  await expect(page.getByTestId('inbox-details-verdict')).toHaveAttribute('data-verdict', 'refused');
  // Why, in the UI's language: the verifier's reason worded here, not its English message.
  for (const verdict of [tamperedVerdict, page.getByTestId('inbox-details-verdict')]) {
    await expect(verdict).toContainText(/[\u4e00-\u9fff]+。/);
    await expect(verdict).not.toContainText(/[A-Za-z]{3,} [A-Za-z]{3,}/);
  }
  await page.screenshot({ path: `${SHOTS}/approvals-refused-zh.png`, fullPage: true });
  await page.getByTestId('lang-en').first().click();
  await expect(notPdfVerdict).toContainText('Not a PDF');
  await expect(page.getByTestId('inbox-unavailable')).toContainText('refused this file');
  await page.screenshot({ path: `${SHOTS}/approvals-refused-en.png`, fullPage: true });
  await page.getByTestId('lang-zh').first().click();

  // A folder: only its PDFs (in subfolders too) are sent; the rest is counted.
  const folder = join(work, 'received');
  mkdirSync(join(folder, 'east'), { recursive: true });
  writeFileSync(join(folder, 'east', 'S-102.pdf'), b.bytes);
  writeFileSync(join(folder, 'readme.txt'), 'not a sheet');
  await page.getByTestId('inbox-folder-input').setInputFiles(folder);
  await expect(page.getByTestId('inbox-added')).toContainText('已添加 1 个文件:1 个校验通过');
  await expect(page.getByTestId('inbox-skipped')).toContainText('另有 1 个文件已略过');
  await expect(page.getByTestId(`inbox-verdict-${sha8(b.bytes)}`)).toHaveAttribute('data-verdict', 'ok');

  // A drop of a folder (with a subfolder) and a loose file: the folder is walked through
  // webkitGetAsEntry (entries made here, as a real drop hands them over), read in portions.
  await page.evaluate(dropScript(b.bytes.toString('base64')));
  await expect(page.getByTestId('inbox-added')).toContainText('已添加 2 个文件:2 个校验通过');
  await expect(page.getByTestId('inbox-skipped')).toContainText('loose.txt');
  await expect(page.getByTestId('inbox-skipped')).toContainText('另有 1 个文件已略过');
  expect(errors).toEqual([]);
});

/** Dispatches on the inbox's drop zone a drop of folder received/ (a PDF, a .txt, sub/ with a PDF) and a loose .txt. */
function dropScript(pdfBase64: string): string {
  return `(() => {
    const bin = atob(${JSON.stringify(pdfBase64)});
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const file = (name, data) => new File([data], name, { type: name.endsWith('.pdf') ? 'application/pdf' : 'text/plain' });
    const fileEntry = (f) => ({ isFile: true, isDirectory: false, name: f.name, file: (ok) => setTimeout(() => ok(f)) });
    const dirEntry = (name, children) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => {
        let at = 0;
        return { readEntries: (ok) => setTimeout(() => { const part = children.slice(at, at + 2); at += part.length; ok(part); }) };
      },
    });
    const folder = dirEntry('received', [
      fileEntry(file('S-102-dropped.pdf', bytes)),
      fileEntry(file('readme.txt', 'not a sheet')),
      dirEntry('sub', [fileEntry(file('S-102-copy.pdf', bytes))]),
    ]);
    const loose = file('loose.txt', 'x');
    const items = [
      { kind: 'file', webkitGetAsEntry: () => folder, getAsFile: () => null },
      { kind: 'file', webkitGetAsEntry: () => fileEntry(loose), getAsFile: () => loose },
    ];
    const event = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { items, files: [loose], dropEffect: 'none' } });
    document.querySelector('[data-testid="inbox-drop"]').dispatchEvent(event);
  })()`;
}

test('HR returns a sheet; the manager imports the return note and the sheet is returned', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hr!.url);
  await openInbox(page);

  const b = sheets['S-102'];
  const id = sha8(b.bytes);
  await page.getByTestId(`inbox-return-${id}`).click();
  await expect(page.getByTestId('return-confirm')).toBeDisabled(); // no passphrase yet
  await page.getByTestId('return-passphrase').fill(PASS);
  await page.getByTestId('return-confirm').click();
  await expect(page.getByRole('dialog')).toContainText('请填写退回原因');
  await page.getByTestId('return-reason').fill('第三周周报缺少大客户走访记录,请补充后重新导出');
  await page.screenshot({ path: `${SHOTS}/approvals-return-zh.png` });
  await page.getByTestId('return-confirm').click();
  await expect(page.getByTestId('return-result')).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('return-download').click();
  const download = await downloading;
  const notePath = join(work, download.suggestedFilename());
  await download.saveAs(notePath);
  await page.getByTestId('return-close').click();
  await page.getByTestId('inbox-filter').selectOption('returned');
  await expect(page.getByTestId(`inbox-state-${id}`)).toHaveAttribute('data-state', 'returned');
  await expect(page.getByTestId(`inbox-row-${id}`)).toContainText('第三周周报缺少大客户走访记录');
  await expect(page.getByTestId(`inbox-chain-${id}`).getByTestId('chain-step-hr')).toHaveAttribute('data-state', 'returned');

  // The manager's app trusts HR's certificate, then imports the note in its Approvals screen.
  const hrIdentity = (await call(hr!, 'identities.list', {}))[0]!;
  const hrCert = await call(hr!, 'identities.exportCertificate', { fingerprint: hrIdentity.fingerprint, format: 'der' });
  await call(manager!, 'trust.add', { fileName: 'hr.cer', dataBase64: hrCert.dataBase64 });
  const managerPage = await openManager(browser);
  managerPage.on('pageerror', (e) => errors.push(e.message));
  await managerPage.getByTestId('nav-approvals').click();
  await expect(managerPage.getByTestId('approvals-tab-returns')).toHaveAttribute('aria-selected', 'true');
  await expect(managerPage.getByTestId('returns-empty')).toBeVisible();
  await managerPage.getByTestId('returns-input').setInputFiles(notePath);
  const outcome = managerPage.getByTestId('returns-result');
  await expect(outcome.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'reopened');
  await expect(outcome).toContainText('已重新开放');
  const table = managerPage.getByTestId('returns-table');
  await expect(table).toContainText(b.name);
  await expect(table).toContainText(PERIOD);
  await expect(table).toContainText('第三周周报缺少大客户走访记录');
  await expect(table).toContainText('孙人事');
  await expect(table).toContainText('人力资源部');
  await expect(table.locator('[data-applied="true"]')).toHaveCount(1);
  await managerPage.screenshot({ path: `${SHOTS}/approvals-returns-zh.png`, fullPage: true });
  await managerPage.getByTestId('lang-en').first().click();
  await expect(table).toContainText('Reopened');
  await managerPage.screenshot({ path: `${SHOTS}/approvals-returns-en.png`, fullPage: true });
  await managerPage.getByTestId('lang-zh').first().click();

  // Importing it again changes nothing.
  await managerPage.getByTestId('returns-input').setInputFiles(notePath);
  await expect(outcome.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'already-imported');

  // The sheet is returned (editable again) in the manager's month grid.
  await managerPage.goto(`${manager!.origin}/#/scoring/${PERIOD}`);
  const grid = managerPage.getByTestId('month-grid');
  await expect(grid.getByRole('row').filter({ hasText: b.name })).toContainText('已退回');
  const rows = await call(manager!, 'sheets.month', { period: PERIOD });
  expect(rows.find((r) => r.employeeNo === 'S-102')!.status).toBe('returned');
  expect(rows.find((r) => r.employeeNo === 'S-101')!.status).toBe('signed');
  // The reopened sheet says who returned it, when (local time with its zone), and why.
  await grid.getByRole('row').filter({ hasText: b.name }).dblclick();
  await expect(managerPage.getByTestId('sheet-return-reason')).toHaveText('第三周周报缺少大客户走访记录,请补充后重新导出');
  await expect(managerPage.getByTestId('sheet-return-by')).toContainText('孙人事');
  await expect(managerPage.getByTestId('sheet-return-by')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC/);
  await managerPage.screenshot({ path: `${SHOTS}/sheet-returned-zh.png` });

  // In the manager's inbox (trusting sales planning and the VP too), a sheet waiting for HR offers no action, and says why.
  for (const cer of [planningCert, vpCert]) await call(manager!, 'trust.add', { fileName: 'reviewer.cer', dataBase64: readFileSync(cer).toString('base64') });
  await managerPage.getByTestId('nav-approvals').click();
  await managerPage.getByTestId('approvals-tab-inbox').click();
  const a = sheets['S-101'];
  await managerPage.getByTestId('inbox-input').setInputFiles({ name: 'S-101.pdf', mimeType: 'application/pdf', buffer: a.bytes });
  await expect(managerPage.getByTestId(`inbox-verdict-${sha8(a.bytes)}`)).toHaveAttribute('data-verdict', 'ok');
  await expect(managerPage.getByTestId(`inbox-approve-${sha8(a.bytes)}`)).toHaveCount(0);
  await expect(managerPage.getByTestId(`inbox-why-${sha8(a.bytes)}`)).toContainText('等待人力资源部签署');
  await managerPage.getByTestId(`inbox-row-${sha8(a.bytes)}`).click();
  await expect(managerPage.getByTestId('inbox-unavailable')).toHaveAttribute('data-why', 'role');
  await expect(managerPage.getByTestId('inbox-unavailable')).toContainText('下一步应由人力资源部签署,而您的身份是区域经理');
  await managerPage.screenshot({ path: `${SHOTS}/approvals-manager-inbox-zh.png` });
  await managerPage.close();
  expect(errors).toEqual([]);
});

async function openManager(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await page.goto(manager!.url);
  await expect(page.getByTestId('current-user')).toContainText('王磊');
  return page;
}
