/**
 * The Signatures screen: create a signing identity, export its certificate, remove it from the
 * trusted signers and trust it again from the exported .cer.
 */
import { readFileSync } from 'node:fs';
import { expect, firstRun, test } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

test('create an identity, export its certificate and trust it again from the file', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await firstRun(page, app.url, { name: '王磊', role: 'manager', region: '华东区 (EAST)' });
  await page.getByTestId('nav-signatures').click();
  await expect(page).toHaveURL(/#\/signatures$/);

  // Create: name and role come from the current user; the passphrase must be 8+ characters and repeated.
  await page.getByTestId('identity-create').click();
  await expect(page.getByTestId('identity-create-name')).toHaveValue('王磊');
  await expect(page.getByTestId('identity-create-role')).toHaveValue('manager');
  await page.getByTestId('identity-create-passphrase').fill('short');
  await page.getByTestId('identity-create-passphrase2').fill('other');
  await page.getByTestId('identity-create-save').click();
  await expect(page.getByRole('dialog')).toContainText('至少 8 个字符');
  await expect(page.getByRole('dialog')).toContainText('两次输入的口令不一致');
  await page.screenshot({ path: `${SHOTS}/signatures-create-zh.png` });
  await page.getByTestId('identity-create-passphrase').fill('correct horse battery');
  await page.getByTestId('identity-create-passphrase2').fill('correct horse battery');
  await page.getByTestId('identity-create-save').click();
  await expect(page.getByRole('dialog')).toBeHidden({ timeout: 30_000 });

  const identities = page.getByTestId('identities-table');
  await expect(identities).toContainText('王磊');
  await expect(identities).toContainText('区域经理');
  await expect(identities).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/i);
  const exportButton = identities.locator('[data-testid^="identity-export-"]');
  const hex = (await exportButton.getAttribute('data-testid'))!.slice('identity-export-'.length);
  expect(hex).toMatch(/^[0-9A-Fa-f]{8}$/);

  // The backend trusts its own identities.
  const trust = page.getByTestId('trust-table');
  await expect(trust).toContainText('王磊');
  await expect(page.getByTestId(`trust-remove-${hex}`)).toBeVisible();

  // Export the certificate as a download.
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.cer$/);
  const cerPath = `${app.dir}/${download.suggestedFilename()}`;
  await download.saveAs(cerPath);
  const cer = readFileSync(cerPath);
  expect(cer[0]).toBe(0x30); // DER: a SEQUENCE

  // Remove it from the trusted signers (after confirming)…
  await page.getByTestId(`trust-remove-${hex}`).click();
  await page.getByTestId('trust-remove-confirm').click();
  await expect(page.getByTestId(`trust-remove-${hex}`)).toHaveCount(0);

  // …and trust it again from the exported file; the role comes from the certificate.
  await page.getByTestId('trust-add-input').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pkix-cert', buffer: cer });
  await expect(page.getByTestId(`trust-remove-${hex}`)).toBeVisible();
  const row = page.getByTestId('trust-table').getByRole('row').filter({ has: page.getByTestId(`trust-remove-${hex}`) });
  await expect(row).toContainText('王磊');
  await expect(row).toContainText('区域经理');

  await page.screenshot({ path: `${SHOTS}/signatures-zh.png`, fullPage: true });
  await page.getByTestId('lang-en').first().click();
  await expect(row).toContainText('Regional manager');
  await page.screenshot({ path: `${SHOTS}/signatures-en.png`, fullPage: true });
  await page.getByTestId('lang-zh').first().click();
  expect(errors).toEqual([]);
});
