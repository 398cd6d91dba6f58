/**
 * Every refusal a service gives (shared/refusals.ts Refusal) and every reason the verifier gives
 * (VerifyReason) is worded in both languages with its values: a Chinese user reads Chinese — the
 * data (names, months, file names, fingerprints) as they are, the domain's words (statuses, roles,
 * steps) from shared/labels.ts — never the backend's English.
 */
import { describe, expect, it } from 'vitest';
import { DOMAIN_LABELS } from '../../shared/labels.ts';
import type { FileReason, Refusal, VerifyCheck, VerifyFailure, VerifyReason } from '../../shared/refusals.ts';
import { problemText, ruleText } from '../../renderer/app/ruleText.ts';
import { VERIFY_CHECKS } from '../../shared/refusals.ts';
import { failureText, refusalText, verifyText } from '../../renderer/app/refusalText.ts';
import { en } from '../../renderer/i18n/en.ts';
import { zh } from '../../renderer/i18n/zh.ts';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const SHA = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
const FILE = 'S-0001-2026-10.pdf';
const SHEET = { name: '王磊', employeeNo: 'S-0001', period: '2026-10' };

/** One of each reason (the type makes the list complete: a new code without a sample does not compile). */
const REASONS: { [C in VerifyReason['code']]: Extract<VerifyReason, { code: C }> } = {
  'too-large': { code: 'too-large', bytes: 25_000_000, max: 20 * 1024 * 1024 },
  'not-pdf': { code: 'not-pdf' },
  truncated: { code: 'truncated' },
  malformed: { code: 'malformed' },
  encrypted: { code: 'encrypted' },
  unsigned: { code: 'unsigned' },
  'byte-range': { code: 'byte-range', signature: 2 },
  'signature-invalid': { code: 'signature-invalid', signature: 3 },
  'contents-padding': { code: 'contents-padding', signature: 2 },
  'unsigned-bytes': { code: 'unsigned-bytes', added: 417 },
  'later-changes': { code: 'later-changes' },
  untrusted: { code: 'untrusted', signature: 1, name: 'Wang Lei', fingerprint: FP, role: 'manager' },
  'role-mismatch': { code: 'role-mismatch', signature: 2, name: '李娜', fingerprint: FP, certificateRole: 'planning', trustedRole: 'vp' },
  'no-signing-time': { code: 'no-signing-time', signature: 2, name: '李娜' },
  'certificate-not-valid': {
    code: 'certificate-not-valid',
    signature: 1,
    name: '王磊',
    fingerprint: FP,
    signedAt: '2027-03-02T08:00:00.000Z',
    notBefore: '2024-03-01T00:00:00.000Z',
    notAfter: '2027-03-01T00:00:00.000Z',
  },
  'signed-twice': { code: 'signed-twice', name: '张伟', first: 2, second: 3 },
  'same-person': { code: 'same-person', name: '张伟', first: 2, second: 3, employeeNo: 'E-0042' },
  'manager-not-of-region': { code: 'manager-not-of-region', signature: 1, name: '王磊', employeeNo: 'M-201', region: 'EAST' },
  'too-many-signatures': { code: 'too-many-signatures', signatures: 5, steps: 4 },
  'wrong-order': { code: 'wrong-order', signature: 2, name: '张伟', role: 'vp', step: 'planning', chain: ['manager', 'planning', 'vp', 'hr'] },
  'own-sheet-order': { code: 'own-sheet-order', name: '王磊', role: 'manager', chain: ['planning', 'vp', 'hr'] },
  'amendment-not-by-first-step': { code: 'amendment-not-by-first-step', name: '李娜', role: 'planning', first: 'manager' },
  'return-note-signers': { code: 'return-note-signers' },
  'no-embedded-data': { code: 'no-embedded-data', file: 'scoresheet.json' },
  'duplicate-key': { code: 'duplicate-key', file: 'scoresheet.json', key: 'output.monthlyScore' },
  'exported-at-invalid': { code: 'exported-at-invalid', value: '9999-99-99' },
  'period-after-export': { code: 'period-after-export', period: '2099-01', exportedAt: '2026-11-02T10:00:00.000Z' },
  'signed-before-export': { code: 'signed-before-export', signature: 1, name: '王磊', signedAt: '2026-11-01T10:00:00.000Z', exportedAt: '2026-11-02T10:00:00.000Z' },
  'signed-before-previous': {
    code: 'signed-before-previous',
    signature: 2,
    name: '李娜',
    signedAt: '2026-11-01T10:00:00.000Z',
    previous: '2026-11-02T10:00:00.000Z',
    previousName: '王磊',
  },
  'signed-in-future': { code: 'signed-in-future', signature: 3, name: '张伟', signedAt: '2031-01-01T00:00:00.000Z', receivedAt: '2026-11-03T09:30:00.000Z' },
  'certificate-expired-when-received': {
    code: 'certificate-expired-when-received',
    signature: 1,
    name: '王磊',
    fingerprint: FP,
    receivedAt: '2026-11-03T09:30:00.000Z',
    notAfter: '2017-03-01T00:00:00.000Z',
  },
  'return-note-not-sheet': { code: 'return-note-not-sheet' },
  'not-score-sheet': { code: 'not-score-sheet' },
  'not-return-note': { code: 'not-return-note' },
  'data-inconsistent': { code: 'data-inconsistent' },
  'unknown-rubric': { code: 'unknown-rubric', id: 'salesperson', version: 99, hash: `sha256:${SHA}` },
  'rubric-hash-mismatch': { code: 'rubric-hash-mismatch', id: 'salesperson', version: 1, hash: `sha256:${SHA}`, known: `sha256:${SHA.split('').reverse().join('')}` },
  'rubric-superseded': { code: 'rubric-superseded', id: 'salesperson', version: 1, period: '2027-02', from: '2027-01' },
  'not-rubric-file': { code: 'not-rubric-file' },
  'note-signer': { code: 'note-signer', named: '李娜', namedRole: 'planning', signer: '张伟', signerRole: 'vp' },
  unexpected: { code: 'unexpected' },
};

const untrusted: VerifyFailure = { check: 'trust', message: 'signature #1 by "Wang Lei" (…) is not from a trusted certificate', reason: REASONS.untrusted };

/** One of each refusal. */
const REFUSALS: { [C in Refusal['code']]: Extract<Refusal, { code: C }> } = {
  'sheet-not-editable': { code: 'sheet-not-editable', name: '王磊', period: '2026-10', status: 'signed' },
  'sheet-changed': { code: 'sheet-changed', name: '王磊', period: '2026-10', stored: 4, edited: 3 },
  'sheets-changed': { code: 'sheets-changed', period: '2026-10', count: 7, names: ['王磊', '李娜', 'Anna Lee'] },
  'figures-changed': { code: 'figures-changed', name: '王磊', period: '2026-10', stored: 2, edited: 1 },
  'figure-conflict-settled': { code: 'figure-conflict-settled', name: '王磊', period: '2026-10', kpi: 'plan-quantity' },
  'not-found': { code: 'not-found', what: 'trusted-signer', id: FP },
  'in-memory': { code: 'in-memory', need: 'backups' },
  'restore-running': { code: 'restore-running' },
  'database-busy': { code: 'database-busy', seconds: 5 },
  'disk-full': { code: 'disk-full' },
  'database-io': { code: 'database-io', sqlite: 'SQLITE_IOERR_WRITE' },
  'database-damaged': { code: 'database-damaged' },
  'database-read-only': { code: 'database-read-only' },
  'backup-unusable': { code: 'backup-unusable', name: 'scorecard-manual-20260101T000000000Z-v7.db', problem: 'truncated' },
  'backup-newer': { code: 'backup-newer', name: 'scorecard-manual-20260101T000000000Z-v12.db', schema: 12, latest: 8 },
  'restore-failed': { code: 'restore-failed', name: 'scorecard-daily-20261201T020000000Z-v8.db' },
  'demo-needs-empty': { code: 'demo-needs-empty' },
  'no-rubric': { code: 'no-rubric', role: 'field-service', period: '2026-10' },
  'rubric-version-taken': { code: 'rubric-version-taken', rubric: 'salesperson', version: 3, latest: 4 },
  'rubric-version-differs': { code: 'rubric-version-differs', rubric: 'salesperson', version: 3 },
  'rubric-not-published': { code: 'rubric-not-published', rubric: 'salesperson', version: 99 },
  'rubric-signer-not-planning': { code: 'rubric-signer-not-planning', name: '王磊', role: 'manager' },
  'rubric-file-unsigned': { code: 'rubric-file-unsigned', fileName: 'rubric-salesperson-v3.json' },
  'not-exportable': { code: 'not-exportable', ...SHEET, status: 'returned' },
  'export-other-step': { code: 'export-other-step', ...SHEET, first: 'planning', role: 'manager' },
  countersigned: { code: 'countersigned', ...SHEET },
  'export-other-region': { code: 'export-other-region', region: 'SOUTH', own: 'EAST', name: '李娜' },
  'signer-not-regional-manager': { code: 'signer-not-regional-manager', name: '王磊', employeeNo: null },
  'changed-during-export': { code: 'changed-during-export', name: '王磊', period: '2026-10' },
  'exported-file-moved': { code: 'exported-file-moved', fileName: FILE, path: '/data/exports/2026-10/S-0001-2026-10.pdf' },
  'identity-exists': { code: 'identity-exists', name: '王磊', fingerprint: FP },
  'key-file-missing': { code: 'key-file-missing', name: '王磊', path: '/data/identities/abcdef0123456789.p12' },
  'key-file-mismatch': { code: 'key-file-mismatch', name: '王磊', file: 'abcdef0123456789.p12' },
  'trusted-as-other-role': { code: 'trusted-as-other-role', name: '李娜', fingerprint: FP, role: 'planning', wanted: 'vp' },
  'file-handled': { code: 'file-handled', fileName: FILE, state: 'returned' },
  'kept-file-changed': { code: 'kept-file-changed', fileName: FILE, path: `/data/inbox/${SHA}.pdf` },
  'file-not-verified': { code: 'file-not-verified', fileName: FILE, failure: untrusted },
  'chain-complete': { code: 'chain-complete', fileName: FILE },
  'not-next-step': { code: 'not-next-step', fileName: FILE, next: 'vp', name: '李娜', role: 'planning' },
  'signer-clock-behind': { code: 'signer-clock-behind', fileName: FILE, previous: '2026-11-03T09:35:00.000Z', now: '2026-11-03T09:30:00.000Z' },
  'clock-behind': { code: 'clock-behind', previous: '2026-11-03T09:35:00.000Z', now: '2026-11-03T09:30:00.000Z' },
  'sign-failed': { code: 'sign-failed' },
  'same-person-signed': { code: 'same-person-signed', fileName: FILE, name: '李娜', step: 'planning' },
  'not-fully-approved': { code: 'not-fully-approved', signed: ['manager', 'planning'], next: 'vp' },
  'file-identifier': { code: 'file-identifier', what: 'region-code', value: 'R 01' },
  'not-in-roster': { code: 'not-in-roster', employeeNo: 'S-9999', name: '赵六' },
  'roster-differs': {
    code: 'roster-differs',
    employeeNo: 'S-0001',
    name: '王磊',
    differences: { name: { sheet: '王磊', roster: '王蕾' }, region: { sheet: 'SOUTH', roster: 'EAST' }, role: { sheet: 'regional-manager', roster: 'salesperson' } },
  },
  'month-in-future': { code: 'month-in-future', period: '2099-01', current: '2026-11' },
  'not-assessed': { code: 'not-assessed', employeeNo: 'S-0001', name: '王磊', period: '2026-01', activeFrom: '2026-03', activeTo: null },
  'sheet-already-imported': { code: 'sheet-already-imported', name: '王磊', period: '2026-10', fileName: FILE, file: SHA.slice(0, 12), importedAt: '2026-11-03T09:30:00.000Z' },
  'amendment-not-by-first-step': { code: 'amendment-not-by-first-step', name: '王磊', period: '2026-10', first: 'manager', role: 'vp' },
  'not-amendable': { code: 'not-amendable', name: '王磊', period: '2026-10', status: 'ready' },
  'amendment-unchanged': { code: 'amendment-unchanged', name: '王磊', period: '2026-10' },
  'amends-unknown-version': { code: 'amends-unknown-version', name: '王磊', period: '2026-10', version: 1, file: SHA.slice(0, 12), held: { version: 2, file: 'b4e2c3d5f6a7' } },
  'amendment-changes-differ': { code: 'amendment-changes-differ', name: '王磊', period: '2026-10', version: 2 },
  superseded: { code: 'superseded', fileName: FILE, byFileName: 'S-0001-2026-10 (2).pdf', version: 2 },
  'identity-locked': { code: 'identity-locked', name: '李娜', idleMinutes: 10 },
  'entry-not-refused': { code: 'entry-not-refused', fileName: FILE },
  'no-folder-chooser': { code: 'no-folder-chooser' },
  'job-running': { code: 'job-running', done: 4, total: 13 },
  'job-file-changed': { code: 'job-file-changed', fileName: FILE, path: '/data/approved/2026-10/F-101-2026-10.pdf' },
  'folder-not-writable': { code: 'folder-not-writable', folder: '/home/li/approved', saved: 3, total: 13, problem: 'no-permission' },
  'nothing-pending': { code: 'nothing-pending', role: 'vp' },
  'return-no-sheet': { code: 'return-no-sheet', ...SHEET },
  'return-not-signed': { code: 'return-not-signed', status: 'draft' },
  'return-stale': { code: 'return-stale' },
  'return-foreign': { code: 'return-foreign' },
};

/** One of each reason an import reader refuses a whole file for. */
const FILE_REASONS: { [C in FileReason['code']]: Extract<FileReason, { code: C }> } = {
  'file-xls': { code: 'file-xls', fileName: '名册.xls' },
  'file-other-spreadsheet': { code: 'file-other-spreadsheet', fileName: '名册.et', ext: 'et' },
  'file-extension': { code: 'file-extension', fileName: '名册.pdf', ext: 'pdf' },
  'file-empty': { code: 'file-empty', fileName: '名册.csv' },
  'file-too-big': { code: 'file-too-big', fileName: '名册.csv', bytes: 12_345_678, max: 10 * 1024 * 1024 },
  'file-too-many-rows': { code: 'file-too-many-rows', fileName: '名册.csv', max: 20_000 },
  'file-no-rows': { code: 'file-no-rows', fileName: '名册.csv' },
  'file-not-base64': { code: 'file-not-base64' },
  'csv-is-xlsx': { code: 'csv-is-xlsx', fileName: '名册.csv' },
  'csv-is-office': { code: 'csv-is-office', fileName: '名册.csv' },
  'csv-syntax': { code: 'csv-syntax', fileName: '名册.csv', line: 17 },
  'text-utf16-no-bom': { code: 'text-utf16-no-bom' },
  'text-nul': { code: 'text-nul' },
  'text-encoding': { code: 'text-encoding', tried: 'utf-8-gb18030' },
  'xlsx-is-office': { code: 'xlsx-is-office', fileName: '名册.xlsx' },
  'xlsx-not-zip': { code: 'xlsx-not-zip', fileName: '名册.xlsx' },
  'xlsx-no-workbook': { code: 'xlsx-no-workbook', fileName: '名册.xlsx' },
  'xlsx-no-sheet': { code: 'xlsx-no-sheet', fileName: '名册.xlsx' },
  'xlsx-unreadable': { code: 'xlsx-unreadable', fileName: '名册.xlsx' },
  'xlsx-timeout': { code: 'xlsx-timeout', fileName: '名册.xlsx', ms: 60_000 },
  'xlsx-memory': { code: 'xlsx-memory', fileName: '名册.xlsx', mb: 256 },
  'zip-damaged': { code: 'zip-damaged', fileName: '名册.xlsx' },
  'zip-encrypted': { code: 'zip-encrypted', fileName: '名册.xlsx' },
  'zip-too-many-parts': { code: 'zip-too-many-parts', fileName: '名册.xlsx', count: 65_000, max: 10_000 },
  'zip-too-big-unpacked': { code: 'zip-too-big-unpacked', fileName: '名册.xlsx', total: 555_000_000, max: 100 * 1024 * 1024, bytes: 540_000 },
  'zip-ratio': { code: 'zip-ratio', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', ratio: 1029, max: 100 },
  'zip-understated': { code: 'zip-understated', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', claimed: 2048 },
  'zip-method': { code: 'zip-method', fileName: '名册.xlsx', part: 'xl/worksheets/sheet1.xml', method: 12 },
  'zip-part-broken': { code: 'zip-part-broken', fileName: '名册.xlsx', part: 'xl/styles.xml' },
  'rubric-file-too-big': { code: 'rubric-file-too-big', fileName: '细则.pdf', bytes: 1_500_000, max: 1024 * 1024 },
  'rubric-file-not-pdf': { code: 'rubric-file-not-pdf', fileName: '细则.docx' },
};

/** Keys whose value is worded in the UI's language (a status, a step, a kind), not shown as it is. */
const WORDED = new Set(['code', 'kpi', 'what', 'need', 'problem', 'status', 'state', 'role', 'first', 'wanted', 'next', 'step', 'chain', 'signed', 'certificateRole', 'trustedRole', 'namedRole', 'signerRole', 'message']);
/** Keys shown in another form: times in the UI's locale, sizes in MB (checked below). */
const FORMATTED = new Set(['imported', 'exportedAt', 'signedAt', 'notBefore', 'notAfter', 'bytes', 'max', 'receivedAt', 'previous', 'importedAt', 'now', 'total', 'claimed', 'ms', 'tried']);

/** The values that must appear as they are: strings and numbers, a list's items, a nested failure's reason's. */
function shownValues(data: object): string[] {
  return Object.entries(data).flatMap(([k, v]): string[] => {
    if (WORDED.has(k) || FORMATTED.has(k) || v === null || typeof v === 'boolean') return [];
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === 'object') return shownValues(k === 'failure' ? ((v as VerifyFailure).reason ?? {}) : (v as object));
    return [String(v)];
  });
}

/** Names of formats and units a Chinese text may write in Latin letters, as Chinese software does. */
const FORMAT_NAMES = ['SHA-256', 'PDF', 'MB', 'KB', 'CSV', 'Excel', 'WPS', 'UTF-8', 'UTF-16', 'GB18030', 'GBK', '.xlsx', '.xls', '.csv', '.txt', '.tsv', 'zip', 'xl/workbook.xml'].sort((a, b) => b.length - a.length);

function expectWorded(values: string[], zhText: string, enText: string) {
  for (const value of values) {
    expect(zhText).toContain(value);
    expect(enText).toContain(value);
  }
  // Longest first, so that a value inside another (a file name in its path) does not leave pieces.
  const withoutValues = (text: string) => [...values].sort((a, b) => b.length - a.length).reduce((rest, value) => rest.replaceAll(value, ''), text);
  const zhRest = FORMAT_NAMES.reduce((rest, name) => rest.replaceAll(name, ''), withoutValues(zhText));
  expect(zhRest).toMatch(/[\u4e00-\u9fff]/);
  expect(zhRest, zhText).not.toMatch(/[A-Za-z]/);
  expect(withoutValues(enText)).not.toMatch(/[\u4e00-\u9fff]/);
  expect(enText.trim()).not.toBe('');
}

describe('refusals in words', () => {
  it.each(Object.values(REFUSALS))('%j: both languages, with its values', (refusal) => {
    expectWorded(shownValues(refusal), refusalText(refusal, zh), refusalText(refusal, en));
  });

  it('each not-found, each status and each kind of identifier in both languages', () => {
    const whats = ['person', 'region', 'job', 'backup', 'rubric', 'identity', 'trusted-signer', 'file', 'exported-file'] as const;
    for (const what of whats) expectWorded(['X-1'], refusalText({ code: 'not-found', what, id: 'X-1' }, zh), refusalText({ code: 'not-found', what, id: 'X-1' }, en));
    for (const status of ['not-started', 'draft', 'returned', 'approved'] as const) {
      const refusal: Refusal = { code: 'not-exportable', ...SHEET, status };
      expectWorded(shownValues(refusal), refusalText(refusal, zh), refusalText(refusal, en));
    }
    for (const what of ['employee-no', 'region-code'] as const) {
      const refusal: Refusal = { code: 'file-identifier', what, value: 'A B' };
      expectWorded(['A B'], refusalText(refusal, zh), refusalText(refusal, en));
    }
    expectWorded([], refusalText({ code: 'in-memory', need: 'files' }, zh), refusalText({ code: 'in-memory', need: 'files' }, en));
    expectWorded([], refusalText({ code: 'database-busy', seconds: null }, zh), refusalText({ code: 'database-busy', seconds: null }, en));
    for (const problem of ['not-database', 'truncated', 'damaged', 'other-app'] as const) {
      const refusal: Refusal = { code: 'backup-unusable', name: 'b.db', problem };
      expectWorded(['b.db'], refusalText(refusal, zh), refusalText(refusal, en));
    }
    expectWorded([], refusalText({ code: 'not-fully-approved', signed: [], next: null }, zh), refusalText({ code: 'not-fully-approved', signed: [], next: null }, en));
  });

  it('the domain’s words are shared/labels.ts’s', () => {
    expect(refusalText(REFUSALS['not-exportable'], zh)).toContain(`“${DOMAIN_LABELS.zh.statuses.returned}”`);
    expect(refusalText(REFUSALS['not-exportable'], zh)).toContain(`“${DOMAIN_LABELS.zh.statuses.ready}”`);
    expect(refusalText(REFUSALS['export-other-step'], zh)).toContain(DOMAIN_LABELS.zh.chainRoles.planning);
    expect(refusalText(REFUSALS['not-next-step'], en)).toContain(DOMAIN_LABELS.en.chainRoles.vp);
    expect(refusalText(REFUSALS['no-rubric'], zh)).toContain(DOMAIN_LABELS.zh.roles['field-service']);
    expect(refusalText(REFUSALS['not-fully-approved'], zh)).toContain(`${DOMAIN_LABELS.zh.chainRoles.manager} → ${DOMAIN_LABELS.zh.chainRoles.planning}`);
  });

  it('times in the UI’s locale, not as the backend stores them', () => {
    const text = refusalText(REFUSALS['sheet-already-imported'], zh);
    expect(text).not.toContain('2026-11-03T');
    expect(text).toContain('2026/11/0');
  });

  it('a failure without a refusal keeps the service’s message (an unexpected error)', () => {
    expect(failureText({ message: 'Something went wrong: x' }, zh)).toBe('Something went wrong: x');
    expect(failureText({ message: 'the sheet … is a draft', refusal: REFUSALS['not-exportable'] }, zh)).toBe(refusalText(REFUSALS['not-exportable'], zh));
  });
});

describe('the import readers’ reasons in words', () => {
  const rule = (reason: FileReason) => ({ code: 'file', reason }) as const;
  it.each(Object.values(FILE_REASONS))('%j: both languages, with its values', (reason) => {
    expectWorded(shownValues(reason), ruleText(rule(reason), zh), ruleText(rule(reason), en));
  });

  it('each encoding tried, in both languages', () => {
    for (const tried of ['utf-8-bom', 'utf-8-gb18030', 'utf-16-odd'] as const) {
      expectWorded([], ruleText(rule({ code: 'text-encoding', tried }), zh), ruleText(rule({ code: 'text-encoding', tried }), en));
    }
    expect(ruleText(rule({ code: 'text-encoding', tried: 'utf-8-gb18030' }), zh)).toContain('GB18030');
  });

  it('sizes in MB, a time limit in seconds', () => {
    expect(ruleText(rule(FILE_REASONS['file-too-big']), en)).toContain('11.8 MB');
    expect(ruleText(rule(FILE_REASONS['file-too-big']), zh)).toContain('10 MB');
    expect(ruleText(rule(FILE_REASONS['zip-too-big-unpacked']), zh)).toContain('529.3 MB');
    expect(ruleText(rule(FILE_REASONS['xlsx-timeout']), zh)).toContain('60 秒');
    expect(ruleText(rule({ ...FILE_REASONS['xlsx-timeout'], ms: 5 }), en)).toContain('5 ms');
  });

  it('the whole problem as the import’s alert shows it: the file, its name, why — no English in Chinese', () => {
    const problem = { field: 'file', value: '名册.xlsx', expected: 'an .xlsx workbook — "名册.xlsx" is not one (it is not a zip archive…)', rule: rule(FILE_REASONS['xlsx-not-zip']) };
    const text = problemText(problem, zh);
    expect(text.startsWith('文件:')).toBe(true);
    expect(FORMAT_NAMES.reduce((rest, name) => rest.replaceAll(name, ''), text.replaceAll('名册.xlsx', ''))).not.toMatch(/[A-Za-z]/);
    expect(problemText(problem, en)).toMatch(/^the file: got "名册.xlsx"; expected /);
  });
});

describe('the verifier’s reasons in words', () => {
  it.each(Object.values(REASONS))('%j: both languages, with its values', (reason) => {
    const failure = { check: 'trust' as VerifyCheck, reason };
    expectWorded(shownValues(reason), verifyText(failure, zh), verifyText(failure, en));
  });

  it('an untrusted signer: says which certificate to add — its holder, step and fingerprint — and where', () => {
    const text = verifyText(untrusted, zh);
    expect(text).toContain('Wang Lei');
    expect(text).toContain(DOMAIN_LABELS.zh.chainRoles.manager);
    expect(text).toContain(FP);
    expect(text).toContain(`“${zh.app.nav.signatures}”→“${zh.signing.trusted}”`);
    expect(verifyText(untrusted, en)).toContain(en.signing.trusted);
  });

  it('sizes in MB and validity in the UI’s locale', () => {
    expect(verifyText({ check: 'pdf-format', reason: REASONS['too-large'] }, en)).toBe('The file has 23.9 MB; a signed score sheet has at most 20 MB.');
    const expired = verifyText({ check: 'trust', reason: REASONS['certificate-not-valid'] }, zh);
    expect(expired).toContain('过期');
    expect(expired).not.toContain('T00:00');
    const early = verifyText({ check: 'trust', reason: { ...REASONS['certificate-not-valid'], signedAt: '2024-01-01T00:00:00.000Z' } }, en);
    expect(early).toContain('valid only from');
  });

  it('a verdict kept before reasons existed: the check’s name, in each language', () => {
    for (const check of VERIFY_CHECKS) {
      expect(verifyText({ check }, zh)).toBe(zh.approvals.checks[check]);
      expect(verifyText({ check }, zh)).toMatch(/[\u4e00-\u9fff]/);
      expect(verifyText({ check }, en)).toBe(en.approvals.checks[check]);
    }
  });
});
