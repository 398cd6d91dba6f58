/**
 * Settings → Backups in the browser: back up now, change something, restore the backup through
 * the confirmation dialog; the change is gone and the state before is kept as a backup.
 */
import { expect, test } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

test('back up, change, restore from Settings', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await page.getByTestId('identity-name').fill('王芳');
  await page.getByTestId('identity-role').selectOption('hr');
  await page.getByTestId('identity-save').click();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('backups-empty')).toBeVisible();
  await expect(page.getByTestId('backup-folder')).toContainText('backups');

  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-created')).toBeVisible();
  const row = page.locator('[data-testid^="backup-row-manual-"]');
  await expect(row).toHaveCount(1);

  // a change after the backup: the user's name
  await page.getByTestId('identity-name').fill('王芳芳');
  await page.getByTestId('identity-save').click();
  await expect(page.getByTestId('current-user')).toContainText('王芳芳');

  await page.locator('[data-testid^="backup-restore-manual-"]').click();
  await expect(page.getByTestId('backup-restore-dialog')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/settings-backup-restore-en.png` });
  await page.getByTestId('backup-restore-confirm').click();
  await expect(page.getByTestId('backup-restored')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('王芳');
  await expect(page.getByTestId('current-user')).not.toContainText('王芳芳');
  await expect(page.locator('[data-testid^="backup-row-pre-restore-"]')).toHaveCount(1);
  await page.getByTestId('lang-zh').first().click();
  await expect(page.getByTestId('backups-table')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/settings-backups-zh.png`, fullPage: true });
  expect(errors).toEqual([]);
});
