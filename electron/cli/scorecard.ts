/**
 * `scorecard`: the command line of the staff-assessment app. Exit 0 with JSON (or text) on
 * stdout; exit 1 with one clear message on stderr for bad input or usage; never a stack trace.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { computeAnnualInput } from '../../shared/annual.ts';
import { computePayInput } from '../../shared/pay.ts';
import { InputError } from '../../shared/problems.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { rubricAsText, type Lang } from '../../shared/rubric/describe.ts';
import { scoreInput } from '../../shared/scoring/engine.ts';
import type { ChainRole, Language } from '../../shared/api/types.ts';
import { DatabaseRefused, openDatabase, type Db } from '../db/database.ts';
import { loadDemo } from '../services/demo.ts';
import { ServiceError } from '../services/errors.ts';
import type { Signer } from '../services/export.ts';
import type { SheetVerification } from '../services/sheet-verify.ts';
import type { TrustedSigner } from '../signing/index.ts';

const USAGE = `Usage: scorecard <command> [options]

Commands:
  score FILE|-              score a sheet input (JSON) with the built-in rubrics
  pay FILE|-                compute monthly pay (JSON)
  annual FILE|-             compute an annual score (JSON)
  rubric list               list the built-in rubrics
  rubric show ID [--json] [--lang zh|en]
                            print a rubric as text, or its full definition as JSON
  demo --db PATH            create (or fill an empty) database with the demo organisation
  db backups --db PATH      list the database's backups (in backups/ next to it), newest first
  db restore --db PATH --backup NAME
                            restore a backup over a database (also one the app refuses to open):
                            the backup is verified, the current file is moved aside unchanged

Signed score sheets (passphrases from SCORECARD_PASSPHRASE, else asked on the terminal):
  identity create --name NAME --role manager|planning|vp|hr --out FILE.p12 [--email ADDRESS] [--rsa]
                            create a signing identity: FILE.p12 and its certificate FILE.cer
  export --db PATH --month YYYY-MM [--region CODE] --out DIR --identity FILE.p12 [--lang zh|en]
                            export and sign the month's ready sheets (the identity's step)
  sign FILE.pdf... --identity FILE.p12 [--comment TEXT] [--trust DIR]
                            approve: append the identity's signature (checked against the chain)
  verify FILE|DIR... [--trust DIR] [--db PATH] [--json]
                            verify signed sheets against the trusted certificates in DIR
                            (or the database's trusted signers); exit 0 only if every file passes
  import --db PATH FILE|DIR... [--trust DIR]
                            HR: import fully approved sheets (idempotent); exit 1 if any is refused

Reports (the same figures as the app; without --out a table on standard output):
  report pay --db PATH --month YYYY-MM [--out FILE.xlsx|FILE.csv] [--lang zh|en]
                            monthly pay per person (base, plan part, assessment part, bonus)
  report annual --db PATH --year YYYY [--out FILE.xlsx|FILE.csv|FILE.pdf] [--basis approved|all] [--lang zh|en]
                            annual scores: 12 months, Σ÷12, missing months, rank in region and role;
                            basis approved (default: only HR-approved sheets count) or all
                            Bad arguments: one message, exit 2.

FILE is a JSON file, or - for standard input. Output is JSON on standard output (verify: text
unless --json).`;

/** A usage or input error: shown as one message, exit code 1. */
class CliError extends Error {}

/** Bad arguments of the report command: one message, exit code 2. */
class UsageError extends CliError {}

/** A result with its own exit code (verify and import: the output, then 1 when a file failed). */
class Outcome {
  constructor(
    readonly stdout: string,
    readonly code: number,
    readonly stderr = '',
  ) {}
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
  /** A passphrase: $SCORECARD_PASSPHRASE, else asked on the terminal with echo off. */
  passphrase: (prompt: string, confirm: boolean) => Promise<string>;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  passphrase: async (prompt, confirm) => {
    const fromEnv = process.env.SCORECARD_PASSPHRASE;
    if (fromEnv) return fromEnv;
    if (!process.stdin.isTTY) {
      throw new CliError('a passphrase is needed: set SCORECARD_PASSPHRASE, or run the command in a terminal to be asked for it');
    }
    const first = await askHidden(prompt);
    if (confirm && (await askHidden('Repeat the passphrase: ')) !== first) throw new CliError('the two passphrases differ');
    if (!first) throw new CliError('the passphrase is empty');
    return first;
  },
};

/** Read one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolvePromise(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const out = await dispatch(argv, io);
    if (out instanceof Outcome) {
      if (out.stdout) io.stdout(out.stdout.endsWith('\n') ? out.stdout : `${out.stdout}\n`);
      if (out.stderr) io.stderr(`scorecard: ${out.stderr}\n`);
      return out.code;
    }
    io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof CliError) {
      io.stderr(`scorecard: ${err.message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
    // An unexpected failure: one line, no stack (set SCORECARD_DEBUG=1 to see it).
    io.stderr(`scorecard: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.SCORECARD_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<string | Outcome> {
  const [command, ...rest] = argv;
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return USAGE;
    case 'score':
      return json(scoreInput(await readJsonArg(rest, io, 'score')));
    case 'pay':
      return json(computePayInput(await readJsonArg(rest, io, 'pay')));
    case 'annual':
      return json(computeAnnualInput(await readJsonArg(rest, io, 'annual')));
    case 'rubric':
      return rubricCommand(rest);
    case 'demo':
      return json(demoCommand(rest));
    case 'db':
      return json(await dbCommand(rest));
    case 'identity':
      return json(await identityCommand(rest, io));
    case 'export':
      return exportCommand(rest, io);
    case 'sign':
      return json(await signCommand(rest, io));
    case 'verify':
      return verifyCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'report':
      return reportCommand(rest);
    default:
      throw new CliError(`unknown command "${command}"; commands: score, pay, annual, rubric, demo, db, identity, export, sign, verify, import, report (see scorecard --help)`);
  }
}

function demoCommand(args: readonly string[]) {
  const { positional, flags } = parseFlags(args, [], ['--db']);
  const path = flags['--db'];
  if (!path || positional.length) throw new CliError('usage: scorecard demo --db PATH');
  let db;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    db = openDatabase(path);
  } catch (err) {
    throw new CliError(err instanceof DatabaseRefused ? err.message : `cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    return { database: path, ...loadDemo(db) };
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

/** `db backups` and `db restore`: what a refused database's message points to. */
async function dbCommand(args: readonly string[]) {
  const [sub, ...rest] = args;
  const { positional, flags } = parseFlags(rest, [], ['--db', '--backup']);
  const path = flags['--db'];
  const usage = 'usage: scorecard db backups --db PATH | scorecard db restore --db PATH --backup NAME';
  if (!path || positional.length) throw new CliError(usage);
  const { listBackups, backupDir, BackupError } = await import('../db/backups.ts');
  if (sub === 'backups') return { folder: backupDir(resolve(path)), backups: listBackups(resolve(path)) };
  if (sub === 'restore') {
    const name = flags['--backup'];
    if (!name) throw new CliError(usage);
    const { restoreOffline } = await import('../db/restore.ts');
    try {
      return { database: path, ...restoreOffline(resolve(path), name) };
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message);
      throw err;
    }
  }
  throw new CliError(usage);
}

function rubricCommand(args: readonly string[]): string {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return BUILTIN_RUBRICS.map((r) => `${r.id}@${r.version}\t${r.title.zh} / ${r.title.en}\t${r.hash}`).join('\n');
  }
  if (sub === 'show') {
    const { positional, flags } = parseFlags(rest, ['--json'], ['--lang']);
    const [id] = positional;
    if (!id || positional.length > 1) throw new CliError('usage: scorecard rubric show ID [--json] [--lang zh|en]');
    const rubric = BUILTIN_RUBRICS.find((r) => r.id === id);
    if (!rubric) throw new CliError(`rubric "${id}" not found; built-in rubrics: ${BUILTIN_RUBRICS.map((r) => r.id).join(', ')}`);
    if (flags['--json']) return JSON.stringify(rubric, null, 2);
    const lang = flags['--lang'] ?? 'zh';
    if (lang !== 'zh' && lang !== 'en') throw new CliError(`--lang: got "${lang}"; expected zh or en`);
    return rubricAsText(rubric, lang as Lang);
  }
  throw new CliError('usage: scorecard rubric list | scorecard rubric show ID [--json] [--lang zh|en]');
}

function parseFlags(args: readonly string[], booleans: string[], valued: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (booleans.includes(a)) flags[a] = 'true';
    else if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      flags[a] = v;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, flags };
}

async function readJsonArg(args: readonly string[], io: Io, command: string): Promise<unknown> {
  if (args.length !== 1) throw new CliError(`usage: scorecard ${command} FILE.json (or - for standard input)`);
  const source = args[0]!;
  let text: string;
  if (source === '-') text = await io.stdin();
  else {
    try {
      text = await readFile(source, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new CliError(`cannot read ${source}: ${why}`);
    }
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const name = source === '-' ? 'standard input' : source;
    throw new CliError(text.trim() === '' ? `${name} is empty; expected JSON` : `${name} is not valid JSON: ${(err as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Signed score sheets

const ROLE_NAMES = ['manager', 'planning', 'vp', 'hr'];

/**
 * The signing, PDF and import modules, loaded by the commands that need them (they take half a
 * second to load, which the other commands should not pay).
 */
async function chainModules() {
  const [exporting, files, hr, jobs, verify, signing] = await Promise.all([
    import('../services/export.ts'),
    import('../services/files.ts'),
    import('../services/hr-import.ts'),
    import('../services/jobs.ts'),
    import('../services/sheet-verify.ts'),
    import('../signing/index.ts'),
  ]);
  return { ...exporting, ...files, ...hr, ...jobs, ...verify, ...signing };
}

function openDb(path: string, create: boolean): Db {
  if (!create && !existsSync(path)) throw new CliError(`cannot open ${path}: no such file`);
  try {
    if (create) mkdirSync(dirname(resolve(path)), { recursive: true });
    return openDatabase(path);
  } catch (err) {
    throw new CliError(err instanceof DatabaseRefused ? err.message : `cannot open ${path}: ${(err as Error).message}`);
  }
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`);
  }
}

/** The signing identity in a .p12 file; its certificate must record its step in the chain. */
async function identityFrom(path: string, io: Io): Promise<Signer> {
  const { IdentityError, openIdentity } = await chainModules();
  const p12 = readBytes(path);
  const passphrase = await io.passphrase(`Passphrase for ${basename(path)}: `, false);
  let identity;
  try {
    identity = await openIdentity(p12, passphrase);
  } catch (err) {
    if (err instanceof IdentityError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
  if (!identity.role) throw new CliError(`${path}: the certificate does not record a step of the chain (manager, planning, vp or hr)`);
  return { ...identity, role: identity.role };
}

/** The files named, folders expanded to the PDFs in them (recursively), in order. */
function pdfFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extname(name).toLowerCase() === '.pdf') out.push(path);
    }
  };
  for (const arg of args) {
    if (!existsSync(arg)) throw new CliError(`cannot read ${arg}: no such file or folder`);
    if (statSync(arg).isDirectory()) walk(arg);
    else out.push(arg);
  }
  return out;
}

/** The trusted signers of a folder of certificates (.cer, .crt, .pem, .der); each records its role. */
async function trustFolder(dir: string): Promise<TrustedSigner[]> {
  const { IdentityError, readCertificate } = await chainModules();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--trust: ${dir} is not a folder`);
  const trusted: TrustedSigner[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!['.cer', '.crt', '.pem', '.der'].includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    let info;
    try {
      info = readCertificate(readFileSync(path));
    } catch (err) {
      if (err instanceof IdentityError) throw new CliError(`--trust: ${path}: ${err.message}`);
      throw err;
    }
    if (!info.role) throw new CliError(`--trust: ${path} (${info.name}) does not record a step of the chain; only certificates made by "scorecard identity create" or with the role extension can be trusted from a folder`);
    trusted.push({ certificate: readFileSync(path), role: info.role });
  }
  if (trusted.length === 0) throw new CliError(`--trust: ${dir} holds no certificate (.cer, .crt, .pem, .der)`);
  return trusted;
}

async function identityCommand(args: readonly string[], io: Io) {
  const [sub, ...rest] = args;
  const usage = 'usage: scorecard identity create --name NAME --role manager|planning|vp|hr --out FILE.p12 [--email ADDRESS] [--rsa]';
  if (sub !== 'create') throw new CliError(usage);
  const { positional, flags } = parseFlags(rest, ['--rsa'], ['--name', '--role', '--out', '--email']);
  const name = flags['--name'];
  const role = flags['--role'];
  const out = flags['--out'];
  if (positional.length || !name || !role || !out) throw new CliError(usage);
  if (!ROLE_NAMES.includes(role)) throw new CliError(`--role: got "${role}"; expected one of ${ROLE_NAMES.join(', ')}`);
  const { IdentityError, createIdentity, writeFileAtomic } = await chainModules();
  const cerPath = out.replace(/\.(p12|pfx)$/i, '') + '.cer';
  for (const path of [out, cerPath]) if (existsSync(path)) throw new CliError(`${path} already exists; choose another --out (an identity is never overwritten)`);
  const passphrase = await io.passphrase(`Passphrase for the new identity ${name}: `, true);
  let created;
  try {
    created = await createIdentity({ name, role: role as ChainRole, email: flags['--email'], algorithm: flags['--rsa'] ? 'RSA-2048' : 'ECDSA-P256' }, passphrase);
  } catch (err) {
    if (err instanceof IdentityError) throw new CliError(err.message);
    throw err;
  }
  writeFileAtomic(out, created.p12);
  writeFileAtomic(cerPath, created.certificate);
  return { p12: out, certificate: cerPath, name, role, fingerprint: created.fingerprint };
}

async function exportCommand(args: readonly string[], io: Io): Promise<Outcome> {
  const usage = 'usage: scorecard export --db PATH --month YYYY-MM [--region CODE] --out DIR --identity FILE.p12 [--lang zh|en]';
  const { positional, flags } = parseFlags(args, [], ['--db', '--month', '--region', '--out', '--identity', '--lang']);
  const [dbPath, month, out, identityPath] = [flags['--db'], flags['--month'], flags['--out'], flags['--identity']];
  if (positional.length || !dbPath || !month || !out || !identityPath) throw new CliError(usage);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new CliError(`--month: got "${month}"; expected YYYY-MM`);
  const language = (flags['--lang'] ?? 'zh') as Language;
  if (language !== 'zh' && language !== 'en') throw new CliError(`--lang: got "${language}"; expected zh or en`);
  const { createJob, planMonthExport, runMonthExport } = await chainModules();
  const db = openDb(dbPath, false);
  try {
    let regionId: number | undefined;
    if (flags['--region']) {
      const region = db.prepare('SELECT id FROM regions WHERE code = ?').get(flags['--region']) as { id: number } | undefined;
      if (!region) {
        const codes = (db.prepare('SELECT code FROM regions ORDER BY code').all() as { code: string }[]).map((r) => r.code);
        throw new CliError(`--region: no region "${flags['--region']}" in ${dbPath} (regions: ${codes.join(', ') || 'none'})`);
      }
      regionId = region.id;
    }
    const identity = await identityFrom(identityPath, io);
    if (identity.role !== 'manager' && identity.role !== 'planning') {
      throw new CliError(`${identityPath} signs for ${identity.role}: sheets are exported by the regional manager (or, for a regional manager's own sheet, sales planning); use "scorecard sign" to approve`);
    }
    mkdirSync(out, { recursive: true });
    const plan = planMonthExport(db, { period: month, regionId, role: identity.role });
    const job = createJob('export-month', plan.targets.length);
    await runMonthExport(db, { period: month, regionId, identity, language, outDir: out }, job, plan);
    const result = {
      month,
      region: flags['--region'] ?? null,
      signer: { name: identity.name, role: identity.role, fingerprint: identity.fingerprint },
      exported: job.files.length,
      files: job.files.map((f) => f.path),
      skipped: job.skipped.map((s) => ({ employeeNo: s.employeeNo, name: s.name, reason: s.reason })),
      failures: job.failures.map((f) => ({ employeeNo: f.employeeNo, name: f.name, message: f.message })),
    };
    const failed = job.failures.length;
    return new Outcome(JSON.stringify(result, null, 2), failed ? 1 : 0, failed ? `${failed} of ${job.total} sheets could not be exported` : '');
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Approve: append the identity's signature to each file (in place). Every file is checked first
 * (against --trust when given, else its structure and the roles its certificates record) and
 * must be waiting for the identity's step; if one is not, nothing is signed.
 */
async function signCommand(args: readonly string[], io: Io) {
  const usage = 'usage: scorecard sign FILE.pdf... --identity FILE.p12 [--comment TEXT] [--trust DIR]';
  const { positional, flags } = parseFlags(args, [], ['--identity', '--comment', '--trust']);
  if (positional.length === 0 || !flags['--identity']) throw new CliError(usage);
  const { reasonFor, sha256Hex, signPdf, verifySheetPdf, writeFileAtomic } = await chainModules();
  const trusted = flags['--trust'] ? await trustFolder(flags['--trust']) : null;
  const files = positional.map((file) => ({ file, pdf: readBytes(file) }));
  const identity = await identityFrom(flags['--identity'], io);
  const checked = trusted ? 'trusted' : 'structure only';

  const ready: { file: string; pdf: Buffer; signatures: number }[] = [];
  for (const { file, pdf } of files) {
    let next: ChainRole | null;
    let signatures: number;
    if (trusted) {
      const v = await verifySheetPdf(pdf, trusted);
      if (!v.verdict.ok) throw new CliError(`${file} does not verify: ${v.verdict.failure?.check}: ${v.verdict.failure?.message}`);
      next = v.nextStep;
      signatures = v.verdict.signatures.length;
    } else {
      // Without a trust list: every check up to trust, and the order of the roles the certificates record.
      const v = await verifySheetPdf(pdf, []);
      if (v.verdict.failure && v.verdict.failure.check !== 'trust') throw new CliError(`${file} does not verify: ${v.verdict.failure.check}: ${v.verdict.failure.message}`);
      const roles = v.verdict.signatures.map((s) => s.role);
      const chain: ChainRole[] = roles[0] === 'planning' ? ['planning', 'vp', 'hr'] : ['manager', 'planning', 'vp', 'hr'];
      if (roles.some((r, i) => r !== chain[i])) throw new CliError(`${file}: the signatures (${roles.join(' → ')}) do not follow the chain ${chain.join(' → ')}`);
      next = roles.length < chain.length ? chain[roles.length]! : null;
      signatures = roles.length;
    }
    if (next === null) throw new CliError(`${file} is already signed by every step of its chain`);
    if (next !== identity.role) throw new CliError(`the next step for ${file} is ${next}; ${flags['--identity']} signs for ${identity.role}`);
    ready.push({ file, pdf, signatures });
  }
  const results = [];
  for (const { file, pdf, signatures } of ready) {
    const signed = await signPdf(pdf, identity, { reason: reasonFor(identity.role, false), comment: flags['--comment'] ?? '' });
    writeFileAtomic(file, signed);
    results.push({ file, sha256: sha256Hex(signed), signer: identity.name, role: identity.role, signatures: signatures + 1, checked });
  }
  return results;
}

interface FileReport {
  file: string;
  ok: boolean;
  failure: { check: string; message: string } | null;
}

async function report(file: string, v: SheetVerification) {
  const { describeData, signerInfo } = await chainModules();
  return {
    file,
    ok: v.verdict.ok,
    failure: v.verdict.failure ?? null,
    ...describeData(v.raw),
    signers: v.verdict.signatures.map(signerInfo),
    steps: v.steps,
    nextStep: v.nextStep,
    complete: v.complete,
  };
}

async function verifyCommand(args: readonly string[]): Promise<Outcome> {
  const usage = 'usage: scorecard verify FILE|DIR... [--trust DIR] [--db PATH] [--json]';
  const { positional, flags } = parseFlags(args, ['--json'], ['--trust', '--db']);
  if (positional.length === 0) throw new CliError(usage);
  const { trustedSigners, verifySheetPdf } = await chainModules();
  const trusted: TrustedSigner[] = [];
  if (flags['--trust']) trusted.push(...(await trustFolder(flags['--trust'])));
  if (flags['--db'] || !flags['--trust']) {
    const path = flags['--db'] ?? process.env.SCORECARD_DB;
    if (!path) throw new CliError('verify needs the trusted certificates: --trust DIR (a folder of .cer files), or --db PATH (the trusted signers of a database)');
    const db = openDb(path, false);
    try {
      trusted.push(...trustedSigners(db));
    } finally {
      db.close();
    }
  }
  const files = pdfFiles(positional);
  if (files.length === 0) throw new CliError(`no PDF files in ${positional.join(', ')}`);
  const reports: (FileReport & Awaited<ReturnType<typeof report>>)[] = [];
  for (const file of files) reports.push(await report(file, await verifySheetPdf(readBytes(file), trusted)));
  const failed = reports.filter((r) => !r.ok).length;
  const summary = failed ? `${failed} of ${reports.length} files failed verification` : '';
  if (flags['--json']) return new Outcome(JSON.stringify(reports, null, 2), failed ? 1 : 0, summary);
  const lines = reports.map((r) => {
    if (!r.ok) return `FAIL  ${r.file}  ${r.failure!.check}: ${r.failure!.message}`;
    const who = r.person ? `${r.person.employeeNo} ${r.person.name} ${r.period}` : '';
    const chain = r.signers.map((s) => `${s.role} ${s.name}`).join(' → ');
    const state = r.complete ? 'complete' : `next: ${r.nextStep}`;
    return `OK    ${r.file}  ${who}  monthly ${r.scores?.monthlyScore}  ${chain} (${state})`;
  });
  lines.push(`${reports.length - failed} of ${reports.length} files verified`);
  return new Outcome(lines.join('\n'), failed ? 1 : 0, summary);
}

async function importCommand(args: readonly string[]): Promise<Outcome> {
  const usage = 'usage: scorecard import --db PATH FILE|DIR... [--trust DIR]';
  const { positional, flags } = parseFlags(args, [], ['--db', '--trust']);
  if (!flags['--db'] || positional.length === 0) throw new CliError(usage);
  const { importFiles } = await chainModules();
  const extraTrusted = flags['--trust'] ? await trustFolder(flags['--trust']) : [];
  const files = pdfFiles(positional);
  if (files.length === 0) throw new CliError(`no PDF files in ${positional.join(', ')}`);
  const db = openDb(flags['--db'], true);
  try {
    const outcomes = await importFiles(
      db,
      files.map((file) => ({ fileName: basename(file), bytes: readBytes(file) })),
      { extraTrusted },
    );
    const result = outcomes.map((o, i) => ({ file: files[i], outcome: o.outcome, message: o.message, employeeNo: o.employeeNo, period: o.period, sha256: o.sha256, keptAt: o.path }));
    const refused = outcomes.filter((o) => o.outcome === 'refused').length;
    return new Outcome(JSON.stringify(result, null, 2), refused ? 1 : 0, refused ? `${refused} of ${outcomes.length} files refused` : '');
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reports: pay and annual, as a table on standard output or as a file.

const REPORT_USAGE = {
  pay: 'usage: scorecard report pay --db PATH --month YYYY-MM [--out FILE.xlsx|FILE.csv] [--lang zh|en]',
  annual: 'usage: scorecard report annual --db PATH --year YYYY [--out FILE.xlsx|FILE.csv|FILE.pdf] [--basis approved|all] [--lang zh|en]',
};

/** Display width in a terminal: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** A report table as aligned text: texts left, numbers right, a rule under the header. */
function tableText(table: import('../../shared/reports/tables.ts').ReportTable, cellText: (cell: string | number | null, kind: import('../../shared/reports/tables.ts').ColumnKind) => string): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows.map((r) => r.map((cell, i) => cellText(cell, table.columns[i]!.kind)))];
  if (table.totals) lines.push(table.totals.map((cell, i) => cellText(cell, table.columns[i]!.kind)));
  // Control characters (a tab or line break in a name) would break the columns: shown as spaces.
  const clean = lines.map((l) => l.map((t) => [...t].map((ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch)).join('')));
  const widths = table.columns.map((_, i) => Math.max(...clean.map((l) => displayWidth(l[i]!))));
  const pad = (t: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - displayWidth(t));
    return table.columns[i]!.kind === 'text' ? t + gap : gap + t;
  };
  const out = clean.map((l) => l.map(pad).join('  ').trimEnd());
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (table.totals) out.splice(out.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [table.title, '', ...out].join('\n');
}

async function reportCommand(args: readonly string[]): Promise<string> {
  const [kind, ...rest] = args;
  if (kind !== 'pay' && kind !== 'annual') throw new UsageError(`report: got ${kind === undefined ? 'nothing' : `"${kind}"`}; expected pay or annual\n${REPORT_USAGE.pay}\n${REPORT_USAGE.annual}`);
  const usage = REPORT_USAGE[kind];
  let parsed;
  try {
    parsed = parseFlags(rest, [], kind === 'pay' ? ['--db', '--month', '--out', '--lang'] : ['--db', '--year', '--out', '--basis', '--lang']);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
  const { positional, flags } = parsed;
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"\n${usage}`);
  const dbPath = flags['--db'];
  if (!dbPath) throw new UsageError(`--db is required\n${usage}`);
  const language = flags['--lang'] ?? 'zh';
  if (language !== 'zh' && language !== 'en') throw new UsageError(`--lang: got "${language}"; expected zh or en`);
  const out = flags['--out'];
  const format = out === undefined ? null : extname(out).slice(1).toLowerCase();
  const formats = kind === 'pay' ? ['xlsx', 'csv'] : ['xlsx', 'csv', 'pdf'];
  if (format !== null && !formats.includes(format)) throw new UsageError(`--out: got "${out}"; expected a file name ending ${formats.map((f) => `.${f}`).join(', ')}`);

  let period: string | undefined;
  let year: number | undefined;
  let basis: 'approved' | 'all' | undefined;
  if (kind === 'pay') {
    const month = flags['--month'];
    if (!month) throw new UsageError(`--month is required\n${usage}`);
    const { parsePeriod, PERIOD_EXPECTED } = await import('../../shared/period.ts');
    if (!parsePeriod(month)) throw new UsageError(`--month: got "${month}"; expected ${PERIOD_EXPECTED}`);
    period = month;
  } else {
    const text = flags['--year'];
    if (!text) throw new UsageError(`--year is required\n${usage}`);
    const { MIN_YEAR, MAX_YEAR } = await import('../../shared/period.ts');
    if (!/^\d{4}$/.test(text) || Number(text) < MIN_YEAR || Number(text) > MAX_YEAR) throw new UsageError(`--year: got "${text}"; expected a year from ${MIN_YEAR} to ${MAX_YEAR}`);
    year = Number(text);
    const b = flags['--basis'] ?? 'approved';
    if (b !== 'approved' && b !== 'all') throw new UsageError(`--basis: got "${b}"; expected approved (only approved sheets count, HR's rule) or all (every sheet, a preview)`);
    basis = b;
  }

  let db: Db;
  try {
    db = openDb(dbPath, false);
  } catch (err) {
    throw new UsageError(`--db: ${(err as Error).message}`);
  }
  try {
    const [{ annualReport, payReport }, { reportFile }, tables] = await Promise.all([
      import('../services/reports.ts'),
      import('../services/report-files.ts'),
      import('../../shared/reports/tables.ts'),
    ]);
    if (out !== undefined && format !== null) {
      const file = await reportFile(db, { report: kind, period, year, basis, format: format as 'xlsx' | 'csv' | 'pdf', language });
      const { writeFileAtomic } = await import('../services/files.ts');
      try {
        writeFileAtomic(out, Buffer.from(file.dataBase64, 'base64'));
      } catch (err) {
        throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
      }
      return kind === 'pay' ? `wrote ${out} (pay ${period})` : `wrote ${out} (annual ${year}, basis ${basis})`;
    }
    const table = kind === 'pay' ? tables.payTable(payReport(db, { period: period! }), language) : tables.annualTable(annualReport(db, { year: year!, basis }), language);
    return tableText(table, tables.cellText);
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}
