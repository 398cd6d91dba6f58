/**
 * A signed sheet is not edited in place, as a regional manager meets it: the sheet is open in the
 * editor while it gets exported and signed elsewhere (another tab); the next change is refused,
 * worded in the UI's language (not "something went wrong"), and nothing is saved. Opened again,
 * the sheet is read-only with a banner that says why, in Chinese and in English.
 * Screenshots at 1366×768: test-results/screenshots/sheet-locked-*.png.
 */
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp, callHttpRaw } from './http.ts';

const SHOTS = 'test-results/screenshots';
const PASSPHRASE = 'correct horse battery';

test.use({ viewport: { width: 1366, height: 768 } });

/** The month before last: every demo sheet of it is ready. */
function period(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

test('a sheet signed while it is open: the change is refused in the UI’s language; reopened, it is read-only', async ({ page, app }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const { origin, token } = app;

  await firstRun(page, app.url, { name: '王磊', role: 'manager', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();
  const identity = await callHttp(origin, token, 'identities.create', { name: '王磊', role: 'manager', employeeNo: 'M-101', passphrase: PASSPHRASE });
  const month = period();
  const rows = await callHttp(origin, token, 'sheets.month', { period: month });
  const row = rows.find((r) => r.role === 'salesperson' && r.status === 'ready')!;

  // The manager has the sheet open…
  await page.goto(`${app.origin}/#/sheet/${row.personId}/${month}`);
  await expect(page.getByTestId('sheet-person')).toContainText(row.name);
  await expect(page.getByTestId('sheet-locked')).toHaveCount(0);

  // …while it is exported and signed elsewhere.
  const exported = await callHttpRaw(origin, token, 'sheets.export', { personId: row.personId, period: month, fingerprint: identity.fingerprint, passphrase: PASSPHRASE, language: 'zh' });
  expect(exported.ok).toBe(true);
  const signed = await callHttp(origin, token, 'sheets.get', { personId: row.personId, period: month });
  expect(signed.status).toBe('signed');

  // A change now is refused: a conflict naming the status, worded in Chinese; nothing saved.
  const box = page.getByTestId('input-dealer.network-plan-violated');
  const wasChecked = await box.isChecked();
  await box.click();
  await page.getByTestId('save-button').click();
  const conflict = page.getByTestId('sheet-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('已签署,正在审批中,不能直接修改');
  await expect(conflict).not.toContainText(/Something went wrong|signed sheet/);
  await page.screenshot({ path: `${SHOTS}/sheet-locked-conflict-zh.png` });
  const after = await callHttp(origin, token, 'sheets.get', { personId: row.personId, period: month });
  expect(after).toEqual(signed);

  // Over the API too: a conflict with its code, never "internal".
  const refused = await callHttpRaw(origin, token, 'sheets.save', { personId: row.personId, period: month, entry: {}, status: 'draft', expectedRevision: after.revision });
  expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', refusal: { code: 'sheet-not-editable', status: 'signed' } } });

  // Reopened: read-only, with a banner that says why; no save or status buttons; export again still offered.
  await page.goto(`${app.origin}/#/scoring/${month}`);
  await page.goto(`${app.origin}/#/sheet/${row.personId}/${month}`);
  const banner = page.getByTestId('sheet-locked');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('只读');
  await expect(banner).toContainText('已签署,正在审批中,不能直接修改');
  await expect(page.getByTestId('sheet-items')).toHaveAttribute('disabled');
  await expect(box).toBeDisabled();
  await expect(box).toBeChecked({ checked: wasChecked });
  await expect(page.getByTestId('save-button')).toHaveCount(0);
  await expect(page.getByTestId('ready-button')).toHaveCount(0);
  await expect(page.getByTestId('draft-button')).toHaveCount(0);
  await expect(page.getByTestId('sheet-export')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/sheet-locked-zh.png` });

  await page.getByTestId('lang-en').first().click();
  await expect(banner).toContainText('Read only');
  await expect(banner).toContainText('signed and on its way up the approval chain');
  await page.screenshot({ path: `${SHOTS}/sheet-locked-en.png` });
  await page.getByTestId('lang-zh').first().click();
  expect(errors).toEqual([]);
});
