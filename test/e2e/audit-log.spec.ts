/**
 * The audit log in Chinese with the entries that used to show their raw details in English: a
 * rubric version saved and published, signing identities created, a trusted signer removed and
 * added again from its certificate file, pay settings saved, a refused file received and removed
 * from the inbox. Each is named and summarised in Chinese (no English run), the full record still
 * opens on demand; a screenshot of each language is kept for a person to look at.
 */
import type { HandlerName, InputOf } from '../../shared/api/contract.ts';
import { formatPeriod, nextPeriod } from '../../shared/period.ts';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';
import { noEnglish } from './noEnglish.ts';

const SHOTS = 'test-results/screenshots';

/** The rubric's definition with the ad plan's deduction per occurrence changed (the change the editor test makes). */
function withDeduction(value: unknown, deduction: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withDeduction(v, deduction));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withDeduction(v, deduction)]));
  if (o.id === 'ad-plan' && out.rule && typeof out.rule === 'object') out.rule = { ...(out.rule as object), deduction };
  return out;
}

test('rubric, signature, pay-settings and inbox entries of the audit log are worded in Chinese', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await firstRun(page, app.url, { name: '周敏', role: 'planning', demo: true });
  const call = <N extends HandlerName>(name: N, input: InputOf<N>) => callHttp(app.origin, app.token, name, input);

  const now = new Date();
  const nextMonth = formatPeriod(nextPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 }));
  const latest = (await call('rubrics.list', {})).filter((r) => r.id === 'salesperson').at(-1)!;
  const definition: Record<string, unknown> = { ...(withDeduction(latest, 3) as object), version: latest.version + 1, effectiveFrom: nextMonth };
  delete definition.hash;
  const saved = await call('rubrics.save', { definition });
  const planning = await call('identities.create', { name: '周敏', role: 'planning', passphrase: 'plan-pass-1' });
  await call('rubrics.export', { id: saved.id, version: saved.version, fingerprint: planning.fingerprint, passphrase: 'plan-pass-1', language: 'zh' });
  const hr = await call('identities.create', { name: '赵敏', role: 'hr', email: 'zhao.min@example.com', passphrase: 'hr-pass-12' });
  await call('trust.remove', { fingerprint: hr.fingerprint });
  const certificate = await call('identities.exportCertificate', { fingerprint: hr.fingerprint, format: 'der' });
  await call('trust.add', { fileName: 'zhao.cer', dataBase64: certificate.dataBase64 });
  await call('paySettings.save', { effectiveFrom: nextMonth, settings: { split: { base: 40, plan: 40, assessment: 20 }, bonus: { policy: 'per-point', percentPerPoint: 2 }, scoreRate: 'monthly' } });
  const [refused] = await call('inbox.add', { files: [{ fileName: '篡改.pdf', dataBase64: Buffer.from('%PDF-1.7\nnot a signed sheet\n%%EOF\n').toString('base64') }] });
  expect(refused!.verdict.ok).toBe(false);
  await call('inbox.remove', { sha256: refused!.sha256 });

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('lang-zh').first().click();
  const table = page.getByTestId('audit-table');
  await expect(table).toBeVisible();
  for (const text of [
    '保存考核细则的新版本',
    `考核细则:销售员 第 ${saved.version} 版`,
    `第 ${saved.version} 版 · 自 ${nextMonth} 起执行`,
    `此前最新:第 ${latest.version} 版`,
    '将考核细则版本发布为签名文件',
    '由 周敏 签署',
    '新建签名身份',
    '移除受信任的签名人',
    '赵敏(人力资源部)',
    '来自 zhao.cer',
    '保存薪酬设置',
    '收到文件',
    '从收件箱移除文件',
    '收到的原文件保持不变',
  ]) {
    await expect(table).toContainText(text);
  }
  expect(await noEnglish(table), 'the audit log').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/audit-log-zh.png`, fullPage: true });
  // The older entries: the rubric saved first, the demo's salaries and KPIs below it.
  await table.locator('tr', { hasText: '保存考核细则的新版本' }).evaluate((row) => (row as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'center' }));
  await table.locator('xpath=..').screenshot({ path: `${SHOTS}/audit-log-older-zh.png` });

  // The full record stays a click away.
  const firstRow = table.locator('[data-testid^="audit-row-"]').first();
  const id = (await firstRow.getAttribute('data-testid'))!.replace('audit-row-', '');
  await page.getByTestId(`audit-details-${id}`).click();
  await expect(page.locator(`#audit-details-${id}`)).toContainText('篡改.pdf');

  await page.getByTestId('lang-en').first().click();
  await expect(table).toContainText('File removed from the inbox');
  await expect(table).toContainText(`Rubric: Salesperson, version ${saved.version}`);
  await page.screenshot({ path: `${SHOTS}/audit-log-en.png`, fullPage: true });
  expect(errors).toEqual([]);
});
