/**
 * HQ edits a rubric in the browser: a deduction changed (a bad value named next to its field
 * first), saved as a version in force next month, listed with its month and hash, published as a
 * rubric file signed by sales planning (the passphrase asked in the dialog) with the hash shown,
 * and the file imported back recognised as the same version, its signer named; an unsigned JSON
 * file is refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { formatPeriod, nextPeriod } from '../../shared/period.ts';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const SHOTS = 'test-results/screenshots';
/** Scrolls an element to the middle (or the top) of the window, for a screenshot. */
const scrollTo = (block: 'center' | 'start') => `(el) => el.scrollIntoView({ block: '${block}' })`;

test('HQ saves a new rubric version, publishes it signed and the same file imports as the same version', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await firstRun(page, app.url, { name: '计划部 张敏', role: 'planning', demo: true });
  await page.getByTestId('nav-rubrics').click();
  await expect(page.getByTestId('rubric-version-2')).toBeVisible(); // the built-in salesperson@2 (revised 2026-12-07)
  await page.getByTestId('rubric-edit').click();

  const editor = page.getByTestId('rubric-editor');
  await expect(editor.getByTestId('editor-version')).toContainText('salesperson@3');
  const now = new Date();
  const nextMonth = formatPeriod(nextPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 }));
  await expect(editor.getByTestId('rf-effectiveFrom')).toHaveValue(nextMonth);

  // The ad plan's deduction per occurrence: a value above the item's points is named at the field.
  const deduction = editor.getByTestId('edit-item-ad-plan').locator('[data-testid$=".rule.deduction"]');
  await expect(deduction).toHaveValue('2');
  await deduction.fill('7');
  await expect(editor.getByTestId('edit-item-ad-plan')).toContainText('deduction 7 exceeds the item');
  await expect(editor.getByTestId('editor-problems')).toBeVisible();
  await expect(editor.getByTestId('rubric-save')).toBeDisabled();
  await editor.getByTestId('edit-item-ad-plan').evaluate(scrollTo('center'));
  await page.screenshot({ path: `${SHOTS}/rubric-editor-problem-zh.png` });
  await deduction.fill('3');
  await expect(editor.getByTestId('editor-ok')).toBeVisible();

  const adPlanInView = () => editor.getByTestId('edit-item-ad-plan').evaluate(scrollTo('center'));
  await adPlanInView();
  await page.screenshot({ path: `${SHOTS}/rubric-editor-item-zh.png` });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/rubric-editor-zh.png` });
  await page.getByTestId('lang-en').first().click();
  await expect(editor.getByTestId('editor-ok')).toContainText('ready to save');
  await expect(deduction).toHaveValue('3'); // the draft survives the language switch
  await adPlanInView();
  await page.screenshot({ path: `${SHOTS}/rubric-editor-item-en.png` });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/rubric-editor-en.png` });

  await editor.getByTestId('rubric-save').click();
  await expect(page.getByTestId('rubric-saved')).toContainText(`salesperson@3, in force from ${nextMonth}`);
  await expect(page.getByTestId('rubric-version-3-from')).toHaveText(nextMonth);
  const shortHash = (await page.getByTestId('rubric-version-3-hash').innerText()).trim();
  expect(shortHash).toMatch(/^[0-9a-f]{12}$/);
  await expect(page.getByTestId('rubric-version-2-hash')).not.toHaveText(shortHash);

  // Publish: sales planning signs a PDF rubric file (the passphrase asked here), the page shows its full hash.
  const identity = await callHttp(app.origin, app.token, 'identities.create', { name: '计划部 张敏', role: 'planning', passphrase: 'plan-pass', algorithm: 'ECDSA-P256' });
  const v3 = (await callHttp(app.origin, app.token, 'rubrics.list', {})).find((r) => r.id === 'salesperson' && r.version === 3)!;
  expect(v3.hash.startsWith(`sha256:${shortHash}`)).toBe(true);
  await page.getByTestId('rubric-export-3').click();
  const dialog = page.getByTestId('rubric-publish-dialog');
  await expect(dialog).toContainText('salesperson@3');
  await dialog.getByTestId('rubric-publish-passphrase').fill('plan-pass');
  await page.screenshot({ path: `${SHOTS}/rubric-publish-en.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('rubric-publish-confirm').click()]);
  expect(download.suggestedFilename()).toBe('rubric-salesperson-v3.pdf');
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('rubric-exported')).toContainText(v3.hash);
  await page.screenshot({ path: `${SHOTS}/rubric-versions-en.png` });

  // The same file imported again is recognised as the version already here, and names its signer.
  await page.getByTestId('rubric-import-input').setInputFiles({ name: 'rubric-salesperson-v3.pdf', mimeType: 'application/pdf', buffer: readFileSync(path) });
  await expect(page.getByTestId('rubric-imported')).toContainText('same as salesperson@3');
  await expect(page.getByTestId('rubric-imported')).toContainText(v3.hash);
  await expect(page.getByTestId('rubric-imported')).toContainText(`Signed by ${identity.name}`);
  // An unsigned JSON file (as exported before rubric files were signed) is refused with the reason.
  const { hash, ...definition } = v3;
  await page.getByTestId('rubric-import-input').setInputFiles({ name: 'rubric.pdf', mimeType: 'application/pdf', buffer: Buffer.from(JSON.stringify({ format: 'scorecard-rubric', hash, definition })) });
  await expect(page.getByText('rubric.pdf is an unsigned rubric file')).toBeVisible();

  // The month it starts shows the new rule.
  for (let i = 0; i < 3 && (await page.getByTestId('rubric-month').inputValue()) < nextMonth; i++) await page.getByTestId('rubric-month-next').click();
  await expect(page.getByTestId('rubric-month')).toHaveValue(nextMonth);
  await expect(page.getByTestId('rubric-item-ad-plan')).toContainText('−3 per occurrence');

  // The field service rubric: grades, incidents and penalty steps in the editor.
  await page.getByTestId('rubric-role').selectOption('field-service');
  await page.getByTestId('rubric-edit').click();
  await expect(page.getByTestId('edit-item-special').locator('[data-testid$=".rule.steps.1.deduction"]')).toHaveValue('30');
  await page.getByTestId('edit-item-complaints').evaluate(scrollTo('start'));
  await page.screenshot({ path: `${SHOTS}/rubric-editor-field-service-en.png` });
  await page.getByTestId('rubric-discard').click();
  await expect(page.getByTestId('rubric-editor')).toHaveCount(0);

  // A regional manager sees the rubric, its versions and the import, but no editor.
  const regions = await callHttp(app.origin, app.token, 'regions.list', {});
  await callHttp(app.origin, app.token, 'user.set', { name: '李静', chainRole: 'manager', regionId: regions[0]!.id });
  await page.reload();
  await page.getByTestId('nav-rubrics').click();
  await expect(page.getByTestId('rubric-version-2')).toBeVisible();
  await expect(page.getByTestId('rubric-import')).toBeVisible();
  await expect(page.getByTestId('rubric-edit')).toHaveCount(0);
  expect(errors).toEqual([]);
});
