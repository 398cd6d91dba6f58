/**
 * The signing commands of the real `scorecard` CLI, run as child processes on real files:
 * identities for the four steps, a region's month exported and signed by the manager, signed in
 * turn by planning, VP and HR, verified against a trust folder, a tampered file caught, and
 * HR's import into a second database, twice.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DB_NOTE } from '../../electron/cli/commands/verify.ts';
import { openDatabase } from '../../electron/db/database.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join('electron', 'cli', 'bin.mjs');
const ROLES = ['manager', 'planning', 'vp', 'hr'] as const;
const NAMES = { manager: '王磊', planning: '李娜', vp: '张伟', hr: '陈静' };
const PASS = { manager: 'm-pass 经理', planning: 'p-pass', vp: 'v-pass', hr: 'h-pass 人事' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scorecard(args: string[], passphrase?: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, SCORECARD_DEBUG: '' };
  delete env.SCORECARD_PASSPHRASE;
  delete env.SCORECARD_DB;
  if (passphrase !== undefined) env.SCORECARD_PASSPHRASE = passphrase;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: '', encoding: 'utf8', env, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(r: Run): Run {
  expect(r.status, r.stderr).toBe(0);
  return r;
}

function pdfsig(file: string) {
  return spawnSync('pdfsig', [file], { encoding: 'utf8' })
    .stdout.split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      total: /- Total document signed/.test(block),
    }));
}

/** Two months back: every sheet of the demo is marked ready there. */
function demoMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 2, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

describe('scorecard identity / export / sign / verify / import (child processes)', { timeout: 120_000 }, () => {
  let dir: string;
  let ids: string;
  let trust: string;
  let out: string;
  let managerDb: string;
  const month = demoMonth();
  const p12 = (role: string) => join(ids, `${role}.p12`);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scorecard-chain-cli-'));
    ids = join(dir, 'ids');
    trust = join(dir, 'trust');
    out = join(dir, 'out');
    managerDb = join(dir, 'manager', 'scorecard.db');
    mkdirSync(trust);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('identity create writes FILE.p12 and FILE.cer for each step; the .cer files make the trust folder', () => {
    for (const role of ROLES) {
      // The manager is the demo's regional manager of SOUTH (M-201): a manager's identity carries the employee number.
      const employeeNo = role === 'manager' ? ['--employee-no', 'M-201'] : [];
      const r = ok(scorecard(['identity', 'create', '--name', NAMES[role], '--role', role, '--out', p12(role), ...employeeNo, ...(role === 'hr' ? ['--rsa'] : [])], PASS[role]));
      const result = JSON.parse(r.stdout);
      expect(result).toMatchObject({ p12: p12(role), certificate: join(ids, `${role}.cer`), name: NAMES[role], role, employeeNo: role === 'manager' ? 'M-201' : null });
      expect(result.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const opened = spawnSync('openssl', ['pkcs12', '-in', p12(role), '-nokeys', '-passin', `pass:${PASS[role]}`], { encoding: 'utf8' });
      expect(opened.status, opened.stderr).toBe(0);
      copyFileSync(join(ids, `${role}.cer`), join(trust, `${role}.cer`));
    }
    // Never overwrites; bad role; no passphrase and no terminal.
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'vp', '--out', p12('vp')], 'x')).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists/) });
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'boss', '--out', join(ids, 'x.p12')], 'x')).toMatchObject({ status: 1, stderr: expect.stringMatching(/--role/) });
    // A manager's identity without the employee number, or with one HR's roster could not hold.
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'manager', '--out', join(ids, 'x.p12')], 'x')).toMatchObject({ status: 1, stderr: expect.stringMatching(/--employee-no: a regional manager's identity needs/) });
    expect(scorecard(['identity', 'create', '--name', 'x', '--role', 'manager', '--employee-no', 'M 1', '--out', join(ids, 'x.p12')], 'x')).toMatchObject({ status: 1, stderr: expect.stringMatching(/--employee-no/) });
    const noPass = scorecard(['identity', 'create', '--name', 'x', '--role', 'vp', '--out', join(ids, 'x.p12')]);
    expect(noPass).toMatchObject({ status: 1, stdout: '' });
    expect(noPass.stderr).toMatch(/^scorecard: a passphrase is needed: set SCORECARD_PASSPHRASE/);
    expect(existsSync(join(ids, 'x.p12'))).toBe(false);
  });

  it('export signs the ready sheets of a region’s month as the manager into --out', () => {
    ok(scorecard(['demo', '--db', managerDb]));
    expect(scorecard(['export', '--db', managerDb, '--month', month, '--region', 'SOUTH', '--out', out, '--identity', p12('manager')], 'wrong')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/wrong passphrase/),
    });
    expect(scorecard(['export', '--db', managerDb, '--month', month, '--region', 'WEST', '--out', out, '--identity', p12('manager')], PASS.manager).stderr).toMatch(/no region "WEST".*EAST, NORTH, SOUTH/);
    expect(scorecard(['export', '--db', managerDb, '--month', month, '--out', out, '--identity', p12('vp')], PASS.vp).stderr).toMatch(/signs for vp/);
    // The SOUTH manager cannot export another region; nothing is written.
    const east = scorecard(['export', '--db', managerDb, '--month', month, '--region', 'EAST', '--out', out, '--identity', p12('manager')], PASS.manager);
    expect(east).toMatchObject({ status: 1, stderr: expect.stringMatching(/the region EAST is not 王磊's: a regional manager exports only their own region, SOUTH/) });
    expect(existsSync(out)).toBe(false);

    const r = ok(scorecard(['export', '--db', managerDb, '--month', month, '--region', 'SOUTH', '--out', out, '--identity', p12('manager')], PASS.manager));
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ month, region: 'SOUTH', signer: { name: '王磊', role: 'manager' }, exported: 12, failures: [] });
    expect(readdirSync(out).sort()).toEqual(result.files.map((f: string) => f.slice(out.length + 1)).sort());
    expect(result.files).toContain(join(out, `S-201-${month}.pdf`));
    // The database knows they are signed.
    const db = new Database(managerDb, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM sheets s JOIN people p ON p.id = s.person_id WHERE s.period = ? AND s.status = 'signed'").get(month)).toEqual({ n: 12 });
      expect(db.prepare("SELECT count(*) AS n FROM sheet_files WHERE kind = 'export'").get()).toEqual({ n: 12 });
    } finally {
      db.close();
    }
  });

  it('sign appends planning’s, the VP’s and HR’s signatures in turn; a step out of turn is refused', () => {
    const file = join(out, `S-201-${month}.pdf`);
    const second = join(out, `S-202-${month}.pdf`);
    const early = scorecard(['sign', file, '--identity', p12('hr'), '--trust', trust], PASS.hr);
    expect(early).toMatchObject({ status: 1, stdout: '' });
    expect(early.stderr).toMatch(/the next step for .* is planning; .*hr\.p12 signs for hr/);
    for (const [k, role] of (['planning', 'vp', 'hr'] as const).entries()) {
      const r = ok(scorecard(['sign', file, second, '--identity', p12(role), '--comment', `${NAMES[role]}：同意`, '--trust', trust], PASS[role]));
      expect(JSON.parse(r.stdout)).toMatchObject([file, second].map((f) => ({ file: f, signer: NAMES[role], role, signatures: k + 2, checked: 'trusted' })));
    }
    // Without --trust: the structure and the certificates' roles are still checked.
    const third = join(out, `S-203-${month}.pdf`);
    expect(JSON.parse(ok(scorecard(['sign', third, '--identity', p12('planning')], PASS.planning)).stdout)).toMatchObject([{ signatures: 2, checked: 'structure only' }]);
    // One file out of turn: nothing is signed.
    const before = readFileSync(third);
    expect(scorecard(['sign', third, join(out, `S-205-${month}.pdf`), '--identity', p12('vp')], PASS.vp)).toMatchObject({ status: 1, stderr: expect.stringMatching(/next step for .*S-205.* is planning/) });
    expect(readFileSync(third).equals(before)).toBe(true);
    expect(scorecard(['sign', file, '--identity', p12('hr'), '--trust', trust], PASS.hr).stderr).toMatch(/already signed by every step/);
    // --db: the database's trusted signers and published rubrics; the manager's database trusts nobody yet.
    const fourth = join(out, `S-204-${month}.pdf`);
    const fourthBefore = readFileSync(fourth);
    expect(scorecard(['sign', fourth, '--identity', p12('planning'), '--db', managerDb], PASS.planning)).toMatchObject({ status: 1, stderr: expect.stringMatching(/does not verify: trust/) });
    expect(readFileSync(fourth).equals(fourthBefore)).toBe(true);
    expect(JSON.parse(ok(scorecard(['sign', fourth, '--identity', p12('planning'), '--db', managerDb, '--trust', trust], PASS.planning)).stdout)).toMatchObject([{ signatures: 2, checked: 'trusted' }]);

    const report = pdfsig(file);
    expect(report.map((s) => s.commonName)).toEqual(['王磊', '李娜', '张伟', '陈静']);
    expect(report.every((s) => s.valid), JSON.stringify(report)).toBe(true);
    expect(report.map((s) => s.total)).toEqual([false, false, false, true]);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('verify DIR --trust DIR: exit 0 when every file passes, each file named with its verdict', () => {
    const r = ok(scorecard(['verify', out, '--trust', trust]));
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines.at(-2)).toBe(NO_DB_NOTE); // --trust without --db: the built-in rubrics, no roster
    expect(lines.at(-1)).toBe('12 of 12 files verified');
    const line = (name: string) => lines.find((l) => l.includes(name))!;
    expect(line(`S-201-${month}.pdf`)).toMatch(/^OK {4}.*S-201 .* manager 王磊 → planning 李娜 → vp 张伟 → hr 陈静 \(complete\)$/);
    expect(line(`S-203-${month}.pdf`)).toMatch(/\(next: vp\)$/);
    expect(line(`F-201-${month}.pdf`)).toMatch(/\(next: planning\)$/);

    const json = JSON.parse(ok(scorecard(['verify', join(out, `S-201-${month}.pdf`), '--trust', trust, '--json'])).stdout);
    expect(json).toMatchObject([{ ok: true, failure: null, complete: true, person: { employeeNo: 'S-201' }, period: month, signers: [{ role: 'manager' }, { role: 'planning' }, { role: 'vp' }, { role: 'hr' }] }]);
    expect(json[0].signers[1].comment).toBe('李娜：同意');
  });

  it('verify: a tampered file → exit 1, naming it and its first failed check; an untrusted folder fails the trust check', () => {
    const tampered = join(out, `S-204-${month}-edited.pdf`);
    const bytes = readFileSync(join(out, `S-204-${month}.pdf`));
    const at = bytes.indexOf('/Producer');
    bytes[at + 2] = bytes[at + 2]! ^ 0x20;
    writeFileSync(tampered, bytes);
    const r = scorecard(['verify', out, '--trust', trust]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL  ${tampered}  cms: signature #1: the signed bytes were modified`);
    expect(r.stdout.match(/^FAIL/gm)).toHaveLength(1);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('12 of 13 files verified');
    expect(r.stderr).toBe('scorecard: 1 of 13 files failed verification\n');
    const json = scorecard(['verify', tampered, '--trust', trust, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ ok: false, failure: { check: 'cms' } });
    rmSync(tampered);

    // Only the VP trusted: the manager's signature is not.
    const partial = join(dir, 'trust-vp');
    mkdirSync(partial);
    copyFileSync(join(trust, 'vp.cer'), join(partial, 'vp.cer'));
    const untrusted = scorecard(['verify', join(out, `F-201-${month}.pdf`), '--trust', partial]);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toMatch(/^FAIL {2}.*F-201.*trust: signature #1 by "王磊"/m);
    // Not a PDF at all, and a missing trust folder.
    const notes = join(dir, 'notes.pdf');
    writeFileSync(notes, '工号,姓名\n');
    expect(scorecard(['verify', notes, '--trust', trust]).stdout).toMatch(/^FAIL {2}.*notes\.pdf {2}pdf-format: /m);
    expect(scorecard(['verify', out, '--trust', join(dir, 'nope')])).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/--trust: .* is not a folder/) });
  });

  it('verify --db and sign --db apply the roster checks the app’s inbox applies (manager-not-of-region)', () => {
    // The SOUTH manager moves an EAST salesperson into SOUTH in their own database and exports the sheet under SOUTH.
    const attackerDb = join(dir, 'attacker', 'scorecard.db');
    const planningDb = join(dir, 'planning', 'scorecard.db');
    mkdirSync(join(dir, 'attacker'));
    mkdirSync(join(dir, 'planning'));
    const source = new Database(managerDb);
    try {
      source.exec(`VACUUM INTO '${attackerDb}'`);
      source.exec(`VACUUM INTO '${planningDb}'`); // planning's database: the organisation's genuine roster
    } finally {
      source.close();
    }
    const attacker = new Database(attackerDb);
    try {
      attacker.prepare("UPDATE people SET region_id = (SELECT id FROM regions WHERE code = 'SOUTH') WHERE employee_no = 'S-101'").run();
    } finally {
      attacker.close();
    }
    const forgedOut = join(dir, 'forged');
    ok(scorecard(['export', '--db', attackerDb, '--month', month, '--region', 'SOUTH', '--out', forgedOut, '--identity', p12('manager')], PASS.manager));
    const forged = join(forgedOut, `S-101-${month}.pdf`);
    expect(existsSync(forged)).toBe(true);
    // Without a database the roster is not checked (and said so); with planning's database the file is refused as its inbox refuses it.
    expect(ok(scorecard(['verify', forged, '--trust', trust])).stdout).toContain(NO_DB_NOTE);
    const refused = scorecard(['verify', forged, '--trust', trust, '--db', planningDb, '--json']);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)[0]).toMatchObject({ ok: false, failure: { check: 'trust', reason: { code: 'manager-not-of-region', employeeNo: 'M-201', region: 'EAST' } } });
    expect(scorecard(['verify', forged, '--trust', trust, '--db', planningDb]).stdout).toMatch(/^FAIL {2}.*S-101.*trust: signature #1 is by "王磊" .*not a regional manager of the region EAST \(the roster.s region of S-101; the sheet says SOUTH\)/m);
    // A genuine SOUTH sheet still verifies against the same database.
    ok(scorecard(['verify', join(out, `S-201-${month}.pdf`), '--trust', trust, '--db', planningDb]));
    const before = readFileSync(forged);
    expect(scorecard(['sign', forged, '--identity', p12('planning'), '--trust', trust, '--db', planningDb], PASS.planning)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/does not verify: trust: .*not a regional manager of the region EAST/),
    });
    expect(readFileSync(forged).equals(before)).toBe(true);
  });

  it('import into a second (HR) database: fully approved files only, twice = one record each, the original kept', () => {
    const hrDb = join(dir, 'hr', 'hr.db');
    // HR's roster first (the organisation's regions and people, without sheets): HR's import checks each sheet against it.
    mkdirSync(join(dir, 'hr'));
    const roster = openDatabase(hrDb);
    roster.prepare('ATTACH DATABASE ? AS source').run(managerDb);
    roster.exec('INSERT INTO regions SELECT * FROM source.regions; INSERT INTO people SELECT * FROM source.people; DETACH DATABASE source');
    roster.close();
    const complete = [join(out, `S-201-${month}.pdf`), join(out, `S-202-${month}.pdf`)];
    const first = ok(scorecard(['import', '--db', hrDb, ...complete, '--trust', trust]));
    expect(JSON.parse(first.stdout).map((o: { outcome: string; employeeNo: string }) => [o.outcome, o.employeeNo])).toEqual([
      ['imported', 'S-201'],
      ['imported', 'S-202'],
    ]);
    const second = ok(scorecard(['import', '--db', hrDb, ...complete, '--trust', trust]));
    expect(JSON.parse(second.stdout).map((o: { outcome: string }) => o.outcome)).toEqual(['already-imported', 'already-imported']);

    // The whole folder: the others are refused (not fully approved), exit 1; nothing doubles.
    const all = scorecard(['import', '--db', hrDb, out, '--trust', trust]);
    expect(all.status).toBe(1);
    const outcomes = JSON.parse(all.stdout) as { file: string; outcome: string; message: string }[];
    expect(outcomes.filter((o) => o.outcome === 'already-imported')).toHaveLength(2);
    expect(outcomes.filter((o) => o.outcome === 'refused').every((o) => /not fully approved/.test(o.message))).toBe(true);
    expect(all.stderr).toBe('scorecard: 10 of 12 files refused\n');

    const db = new Database(hrDb, { readonly: true });
    try {
      expect(db.prepare('SELECT p.employee_no, s.period, s.status FROM sheets s JOIN people p ON p.id = s.person_id ORDER BY p.employee_no').all()).toEqual([
        { employee_no: 'S-201', period: month, status: 'approved' },
        { employee_no: 'S-202', period: month, status: 'approved' },
      ]);
      expect(db.prepare('SELECT code FROM regions ORDER BY code').all()).toEqual([{ code: 'EAST' }, { code: 'NORTH' }, { code: 'SOUTH' }]); // the roster's, none added
      const kept = db.prepare("SELECT path FROM sheet_files WHERE state = 'imported' ORDER BY employee_no").all() as { path: string }[];
      expect(kept).toHaveLength(2);
      kept.forEach((k, i) => expect(readFileSync(k.path).equals(readFileSync(complete[i]!))).toBe(true));
      expect(kept[0]!.path.startsWith(join(dir, 'hr', 'received', month))).toBe(true);
    } finally {
      db.close();
    }
    // Without the trust folder HR's new database trusts nobody: refused with the reason.
    const untrusted = scorecard(['import', '--db', join(dir, 'hr2', 'hr.db'), complete[0]!]);
    expect(untrusted.status).toBe(1);
    expect(JSON.parse(untrusted.stdout)[0]).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/^trust: /) });
  });
});
