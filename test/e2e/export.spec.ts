/**
 * Export and sign, as a regional manager: one sheet (a wrong passphrase first, which changes
 * nothing), the signed PDF downloaded and checked with poppler's pdfsig; then the rest of the
 * region's month as a background job with its progress bar, its result and its downloads.
 * Screenshots of the dialogs in both languages go to test-results/screenshots/export-*.png.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const SHOTS = 'test-results/screenshots';
const PASSPHRASE = 'correct horse battery';

/** pdfsig's verdict per signature (it exits 0 even when a signature is bad: read its text). */
function pdfsig(file: string) {
  const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return out.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      total: /- Total document signed/.test(block),
    }));
}

/** Save a download into the test's folder and return its bytes and path. */
async function saved(download: Download, dir: string) {
  const path = `${dir}/${download.suggestedFilename()}`;
  await download.saveAs(path);
  return { path, bytes: readFileSync(path) };
}

async function downloadBy(page: Page, testId: string, dir: string) {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return saved(await downloading, dir);
}

test('export and sign a sheet, then the rest of the region’s month as a job', async ({ page, app }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // First run: demo organisation, a regional manager of the East region.
  await firstRun(page, app.url, { name: '王磊', role: 'manager', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
  const monthUrl = page.url();

  // No signing identity yet: the dialog says so and leads to the Signatures tab.
  await page.getByTestId('month-export').click();
  await expect(page.getByTestId('export-no-identity')).toBeVisible();
  await expect(page.getByTestId('month-export-region')).toHaveValue(/\d+/);
  await expect(page.getByTestId('month-export-region').locator('option:checked')).toHaveText('华东区 (EAST)');
  await page.screenshot({ path: `${SHOTS}/export-no-identity-zh.png` });
  await page.getByTestId('export-to-signatures').click();
  await expect(page).toHaveURL(/#\/signatures$/);
  await expect(page.getByRole('dialog')).toBeHidden();

  // Create the identity through the UI.
  await page.getByTestId('identity-create').click();
  await page.getByTestId('identity-create-passphrase').fill(PASSPHRASE);
  await page.getByTestId('identity-create-passphrase2').fill(PASSPHRASE);
  await page.getByTestId('identity-create-save').click();
  await expect(page.getByRole('dialog')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('identities-table')).toContainText('王磊');

  // Open a ready salesperson's sheet of the last demo month.
  await page.goto(monthUrl);
  const grid = page.getByTestId('month-grid');
  const row = grid.getByRole('row').filter({ hasText: '销售员' }).filter({ hasText: '已完成' }).first();
  const name = (await row.getByRole('gridcell').nth(1).textContent())!.trim();
  await row.dblclick();
  await expect(page.getByTestId('sheet-person')).toContainText(name);
  const status = page.getByTestId('sheet-person').locator('xpath=..').locator('[data-status]');
  await expect(status).toHaveAttribute('data-status', 'ready');

  // An unsaved change is saved before the dialog opens.
  const box = page.getByTestId('input-dealer.network-plan-violated');
  const wasChecked = await box.isChecked();
  await box.click();

  // A wrong passphrase: what is expected, in the UI's language (never the backend's English), the sheet unchanged.
  await page.getByTestId('sheet-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('save-state')).not.toContainText('未保存');
  await expect(page.getByTestId('export-identity').locator('option:checked')).toContainText('王磊');
  await expect(page.getByTestId('export-language')).toHaveValue('zh');
  await expect(page.getByTestId('export-confirm')).toBeDisabled();
  await page.getByTestId('export-passphrase').fill('not the passphrase');
  await page.getByTestId('export-confirm').click();
  await expect(dialog.getByRole('alert')).toContainText('口令不正确');
  await expect(dialog.getByRole('alert')).toContainText('此签名身份的口令(所填口令无法打开它)');
  await expect(dialog.getByRole('alert')).not.toContainText('passphrase');
  await expect(page.getByTestId('export-passphrase')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SHOTS}/export-sheet-wrong-passphrase-zh.png` });
  await expect(status).toHaveAttribute('data-status', 'ready');

  // The right one: signed, written, offered as a download, the status shows 'signed'.
  await page.getByTestId('export-passphrase').fill(PASSPHRASE);
  await page.getByTestId('export-confirm').click();
  const done = page.getByTestId('export-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(/exports[/\\]\d{4}-\d{2}[/\\][A-Z]-\d+-\d{4}-\d{2}\.pdf/);
  await page.screenshot({ path: `${SHOTS}/export-sheet-done-zh.png` });
  const pdf = await downloadBy(page, 'export-download', app.dir);
  expect(pdf.path).toMatch(/\.pdf$/);
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfsig(pdf.path)).toEqual([{ commonName: '王磊', valid: true, total: true }]);
  await page.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sheet-person').locator('xpath=..').locator('[data-status]')).toHaveAttribute('data-status', 'signed');
  await expect(page.getByTestId('sheet-export-hint')).toContainText('再次导出');
  if (wasChecked) await expect(box).not.toBeChecked();
  else await expect(box).toBeChecked();

  // The same dialog in English (a signed sheet may be exported again; not done here).
  await page.getByTestId('lang-en').first().click();
  await page.getByTestId('sheet-export').click();
  await expect(page.getByTestId('export-language')).toHaveValue('en');
  await expect(dialog).toContainText('Export and sign');
  await page.screenshot({ path: `${SHOTS}/export-sheet-en.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The month: the region's sheets still ready, as a job.
  await page.getByTestId('back-button').click();
  await expect(page.getByTestId('month-summary')).toBeVisible();
  // The sheets still ready, as the backend has them; the summary shows the same once it has reloaded
  // (it may first show the month as it was before the sheet above was signed).
  await expect(page).toHaveURL(/#\/scoring\/\d{4}-\d{2}$/);
  const period = /#\/scoring\/(\d{4}-\d{2})$/.exec(page.url())![1]!;
  const ready = (await callHttp(app.origin, app.token, 'sheets.month', { period })).filter((r) => r.status === 'ready').length;
  expect(ready).toBeGreaterThan(0);
  await expect(page.getByTestId('month-summary')).toContainText(`${ready} ready`);
  await page.getByTestId('month-export').click();
  const monthDialog = page.getByTestId('month-export-dialog');
  await expect(page.getByTestId('month-export-region').locator('option:checked')).toHaveText('华东区 (EAST)');
  await page.getByTestId('export-passphrase').fill(PASSPHRASE);
  await page.screenshot({ path: `${SHOTS}/export-month-en.png` });
  await page.getByTestId('export-confirm').click();
  const progress = page.getByTestId('month-export-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-total', String(ready));
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/export-month-progress-en.png` });

  // Closing the dialog does not lose the job: opened again, it shows the progress or the result.
  await page.getByTestId('month-export-close').click();
  await expect(monthDialog).toBeHidden();
  await page.getByTestId('month-export').click();
  const result = page.getByTestId('month-export-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toHaveAttribute('data-files', String(ready));
  await expect(progress).toContainText(`${ready} of ${ready} sheets`);
  await expect(result).toContainText(`${ready} files exported`);
  await expect(page.getByTestId('month-export-folder')).toContainText(/exports[/\\]\d{4}-\d{2}/);
  await expect(page.getByTestId('month-export-skipped')).toContainText('signed already'); // the sheet exported above
  await page.screenshot({ path: `${SHOTS}/export-month-result-en.png` });

  // Downloads come from the backend's exports (exports.get): a sheet and the region summary.
  const fileButton = (await result.locator('[data-testid^="month-export-file-"]').first().getAttribute('data-testid'))!;
  const first = await downloadBy(page, fileButton, app.dir);
  expect(first.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfsig(first.path)).toEqual([{ commonName: '王磊', valid: true, total: true }]);
  const summary = await downloadBy(page, 'month-export-summary', app.dir);
  expect(summary.path).toMatch(/summary-EAST-\d{4}-\d{2}\.pdf$/);
  expect(pdfsig(summary.path)).toEqual([{ commonName: '王磊', valid: true, total: true }]);

  // The grid has reloaded: nothing of the region is left ready.
  await page.getByTestId('month-export-close').click();
  await expect(page.getByTestId('month-summary')).toContainText(' 0 ready');

  // In Chinese: the result, then the form of a new export.
  await page.getByTestId('lang-zh').first().click();
  await page.getByTestId('month-export').click();
  await expect(result).toContainText(`已导出 ${ready} 个文件`);
  await expect(progress).toContainText(`已完成 ${ready} / 共 ${ready} 张`);
  await page.screenshot({ path: `${SHOTS}/export-month-result-zh.png` });
  await page.getByTestId('month-export-again').click();
  await expect(page.getByTestId('export-passphrase')).toBeVisible();
  await expect(page.getByTestId('export-language')).toHaveValue('zh'); // follows the app's language again
  await page.screenshot({ path: `${SHOTS}/export-month-zh.png` });
  await monthDialog.getByRole('button', { name: '取消' }).click();
  await expect(monthDialog).toBeHidden();

  expect(errors).toEqual([]);
});
