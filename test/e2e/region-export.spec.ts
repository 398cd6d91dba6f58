/**
 * A regional manager exports and signs only their own region: the month export dialog offers the
 * user's region alone, and the backend refuses another region (export-other-region), for the month
 * and for one sheet, whatever the caller sends. The trust list shows each certificate's phone code.
 */
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp, callHttpRaw } from './http.ts';

const PASSPHRASE = 'region export pass';

/** The month before last: every demo sheet of it is ready. */
function period(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 2);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

test('a manager cannot export another region: the dialog offers only theirs and the backend refuses the others', async ({ page, app }) => {
  test.setTimeout(120_000);
  const { origin, token } = app;
  await firstRun(page, app.url, { name: '王磊', role: 'manager', region: '华东区 (EAST)' });
  await expect(page.getByTestId('month-grid')).toBeVisible();

  // The identity dialog offers the employee number of the user's region's manager from the roster.
  await page.getByTestId('nav-signatures').click();
  await page.getByTestId('identity-create').click();
  await expect(page.getByTestId('identity-create-employee-no')).toHaveValue('M-101');
  await page.getByTestId('identity-create-passphrase').fill(PASSPHRASE);
  await page.getByTestId('identity-create-passphrase2').fill(PASSPHRASE);
  await page.getByTestId('identity-create-save').click();
  await expect(page.getByRole('dialog')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('identities-table')).toContainText('工号 M-101');
  // Each trusted certificate shows its phone code: the fingerprint's first 16 hex digits in groups of four.
  const [identity] = await callHttp(origin, token, 'identities.list', {});
  const code = identity!.fingerprint.replace(/:/g, '').slice(0, 16).match(/.{4}/g)!.join(' ');
  await expect(page.getByTestId('trust-table').getByTestId('phone-code')).toContainText(code);

  // The month dialog: the user's region only.
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('month-grid')).toBeVisible();
  await page.getByTestId('month-export').click();
  const region = page.getByTestId('month-export-region');
  await expect(region.locator('option')).toHaveText(['华东区 (EAST)']);
  await page.screenshot({ path: 'test-results/screenshots/export-own-region-zh.png' });

  // The backend: another region, by month or by sheet, is refused and nothing is signed.
  const month = period();
  const regions = await callHttp(origin, token, 'regions.list', {});
  const south = regions.find((r) => r.code === 'SOUTH')!;
  const input = { fingerprint: identity!.fingerprint, passphrase: PASSPHRASE, language: 'zh' as const };
  const byMonth = await callHttpRaw(origin, token, 'sheets.exportMonth', { ...input, period: month, regionId: south.id });
  expect(byMonth).toMatchObject({ ok: false, error: { kind: 'conflict', refusal: { code: 'export-other-region', region: 'SOUTH', own: 'EAST' } } });
  const people = await callHttp(origin, token, 'people.list', {});
  const southSeller = people.find((p) => p.regionId === south.id && p.role === 'salesperson')!;
  const bySheet = await callHttpRaw(origin, token, 'sheets.export', { ...input, personId: southSeller.id, period: month });
  expect(bySheet).toMatchObject({ ok: false, error: { kind: 'conflict', refusal: { code: 'export-other-region', region: 'SOUTH', own: 'EAST', name: southSeller.name } } });
  expect((await callHttp(origin, token, 'sheets.get', { personId: southSeller.id, period: month })).status).toBe('ready');
});
