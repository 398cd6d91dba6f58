/**
 * `sign`: approve — append the identity's signature to each file (in place). Every file is
 * checked first (against --trust when given, else its structure and the roles its certificates
 * record) and must be waiting for the identity's step; if one is not, nothing is signed.
 */
import { chainStepsFor, nextStepFor, type ChainRole } from '../../../shared/chain.ts';
import { ROLE_IDS } from '../../../shared/rubric/schema.ts';
import { reasonFor } from '../../services/export.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIELDS } from '../../../shared/api/contract.ts';
import type { SavedFile } from '../../../shared/api/types.ts';
import { saveIntoFolder, sha256Hex, writeFileAtomic } from '../../services/files.ts';
import { addToInbox, fileRow, type FileRow } from '../../services/inbox.ts';
import { pendingAtStep, runBulkApproval } from '../../services/inbox-bulk.ts';
import { createJob } from '../../services/jobs.ts';
import { openDb } from '../database.ts';
import { assertNotOnChain } from '../../services/roster-trust.ts';
import { verifySheetPdf } from '../../services/sheet-verify.ts';
import { assertSignerClock } from '../../services/sheet-times.ts';
import { signPdf } from '../../signing/index.ts';
import { checkValue, CliError, Outcome, parseFlags } from '../args.ts';
import { json, readBytes, type Io } from '../io.ts';
import { checksFrom, identityFrom, trustFolder } from '../signing.ts';

export async function sign(args: readonly string[], io: Io): Promise<string | Outcome> {
  const usage =
    'usage: scorecard sign FILE.pdf... --identity FILE.p12 [--comment TEXT] [--trust DIR] [--db PATH]\n' +
    '       scorecard sign [FILE.pdf...] --inbox --db PATH --identity FILE.p12 [--month YYYY-MM] [--region CODE] [--comment TEXT] [--out DIR]';
  const { positional, flags } = parseFlags(args, ['--inbox'], ['--identity', '--comment', '--trust', '--db', '--month', '--region', '--out']);
  if (flags['--inbox']) return signThroughInbox(positional, flags, io, usage);
  if (positional.length === 0 || !flags['--identity']) throw new CliError(usage);
  // --db: the database's trusted signers (with --trust's besides) and the rubrics HQ published there.
  const fromDb = flags['--db'] ? checksFrom(flags['--db']) : null;
  const trusted = flags['--trust'] || fromDb ? [...(flags['--trust'] ? trustFolder(flags['--trust']) : []), ...(fromDb?.trusted ?? [])] : null;
  const files = positional.map((file) => ({ file, pdf: readBytes(file) }));
  const identity = await identityFrom(flags['--identity'], io);
  const checked = trusted ? 'trusted' : 'structure only';

  const ready: { file: string; pdf: Buffer; signatures: number }[] = [];
  for (const { file, pdf } of files) {
    let next: ChainRole | null;
    let signatures: number;
    let verified: Parameters<typeof assertNotOnChain>[1];
    if (trusted) {
      // --db: with the database's roster checks, as the app's inbox applies them.
      const checked = await verifySheetPdf(pdf, trusted, fromDb ? { rubrics: fromDb.rubrics, firstReceived: fromDb.firstReceived } : {});
      const v = fromDb ? fromDb.rosterChecks(checked) : checked;
      if (!v.verdict.ok) throw new CliError(`${file} does not verify: ${v.verdict.failure?.check}: ${v.verdict.failure?.message}`);
      verified = v;
      next = v.nextStep;
      signatures = v.verdict.signatures.length;
    } else {
      // Without a trust list: every check up to trust, and the order of the roles the certificates record.
      const v = await verifySheetPdf(pdf, []);
      if (v.verdict.failure && v.verdict.failure.check !== 'trust') throw new CliError(`${file} does not verify: ${v.verdict.failure.check}: ${v.verdict.failure.message}`);
      verified = v;
      const roles = v.verdict.signatures.map((s) => s.role);
      // The data is read only once the signers are trusted: the chain is the one that starts with the first signer's step.
      const person = ROLE_IDS.find((r) => chainStepsFor(r)[0] === roles[0]) ?? ROLE_IDS[0];
      const chain = chainStepsFor(person);
      if (roles.some((r, i) => r !== chain[i])) throw new CliError(`${file}: the signatures (${roles.join(' → ')}) do not follow the chain ${chain.join(' → ')}`);
      next = nextStepFor(person, roles.length);
      signatures = roles.length;
    }
    if (next === null) throw new CliError(`${file} is already signed by every step of its chain`);
    if (next !== identity.role) throw new CliError(`the next step for ${file} is ${next}; ${flags['--identity']} signs for ${identity.role}`);
    assertNotOnChain(file, verified, identity); // one person, one step
    assertSignerClock(pdf, file); // never a signature dated before the file's latest
    ready.push({ file, pdf, signatures });
  }
  const results = [];
  for (const { file, pdf, signatures } of ready) {
    const signed = await signPdf(pdf, identity, { reason: reasonFor(identity.role, false), comment: flags['--comment'] ?? '' });
    writeFileAtomic(file, signed);
    results.push({ file, sha256: sha256Hex(signed), signer: identity.name, role: identity.role, signatures: signatures + 1, checked });
  }
  return json(results);
}

/**
 * `sign --inbox`: the app's bulk approval (inbox-bulk.ts) on the database's inbox, with the same
 * rules: the files given are added to the inbox (verified and kept with their verdict), or with
 * none every entry pending at the identity's step (of --month, of --region); each is then checked
 * (the stored verdict reused while nothing it depended on changed), signed and kept in the
 * database's approved/ folder — or skipped with its reason, the others going on. A file given is
 * also replaced by its signed copy; with --out every signed file is also written into that folder
 * (a different file already there keeps its name: the new one takes "name (2).pdf").
 * Prints each file's outcome.
 */
async function signThroughInbox(positional: readonly string[], flags: Record<string, string | undefined>, io: Io, usage: string): Promise<string | Outcome> {
  if (!flags['--identity'] || !flags['--db']) throw new CliError(usage);
  const out = flags['--out'];
  if (out !== undefined && (!existsSync(out) || !statSync(out).isDirectory())) throw new CliError(`--out: ${out} is not a folder`);
  if (flags['--trust']) throw new CliError('--inbox checks with the database\'s trusted signers: --trust is not used with it');
  if (positional.length > 0 && (flags['--month'] || flags['--region'])) throw new CliError('--month and --region choose among the pending entries: give them without files');
  const monthText = flags['--month'];
  const regionText = flags['--region'];
  const period = monthText === undefined ? undefined : checkValue(FIELDS.period, monthText, { flag: '--month', text: monthText });
  const regionCode = regionText === undefined ? undefined : checkValue(FIELDS.identifier, regionText, { flag: '--region', text: regionText });
  const identity = await identityFrom(flags['--identity'], io);
  const db = openDb(flags['--db'], false);
  try {
    const files = positional.map((file) => ({ file, pdf: readBytes(file) }));
    let rows: FileRow[];
    if (files.length > 0) {
      const entries = await addToInbox(db, { files: files.map(({ file, pdf }) => ({ fileName: basename(file), dataBase64: pdf.toString('base64') })) });
      rows = entries.map((e) => fileRow(db, e.sha256)!);
    } else {
      rows = pendingAtStep(db, identity.role, { ...(period ? { period } : {}), ...(regionCode ? { regionCode } : {}) });
      if (rows.length === 0) throw new CliError(`no received sheet is pending at the ${identity.role} step${period ? ` for ${period}` : ''}${regionCode ? ` in ${regionCode}` : ''}`);
    }
    const job = createJob('approve-many', rows.length);
    await runBulkApproval(db, rows, identity, job, flags['--comment']);
    let notWritten = 0;
    const results = (job.outcomes ?? []).map((o, i) => {
      const given = files[i]?.file ?? null;
      if (o.outcome === 'signed' && o.file && given) writeFileAtomic(given, readFileSync(o.file.path));
      // --out: every signed file also into the folder chosen (to send on), as the desktop saves them: never over another file.
      // The signing is done and kept by then: a file the folder refuses is named in the listing, not an internal error.
      let saved: SavedFile | null = null;
      let outError: string | null = null;
      if (o.outcome === 'signed' && o.file && out !== undefined) {
        try {
          saved = saveIntoFolder(out, [{ name: o.file.fileName, data: readFileSync(o.file.path) }])[0]!;
        } catch (err) {
          outError = `${(err as NodeJS.ErrnoException).code ?? (err as Error).message}: not written into ${out} (kept as ${o.file.path})`;
          notWritten += 1;
        }
      }
      return {
        file: given ?? o.fileName,
        outcome: o.outcome,
        reused: o.reused,
        ...(o.file ? { signed: o.file.path, sha256: o.file.sha256, nextStep: o.nextStep, complete: o.complete } : {}),
        ...(saved ? { out: join(out!, saved.savedAs) } : {}),
        ...(outError ? { outError } : {}),
        ...(o.outcome === 'skipped' ? { code: o.refusal?.code ?? null, reason: o.message } : {}),
      };
    });
    if (notWritten > 0) return new Outcome(json(results), 1, `--out: ${notWritten} signed file(s) could not be written into ${out} (see outError); they are signed and kept in the database's approved/ folder`);
    return json(results);
  } finally {
    db.close();
  }
}
