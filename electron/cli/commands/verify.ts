/** `verify`: signed sheets against trusted certificates (a folder, or a database's trusted signers). */
import { describeData, signerInfo, verifySheetPdf, type SheetVerification } from '../../services/sheet-verify.ts';
import { BUILTIN_RUBRICS } from '../../../shared/rubric/catalog.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import type { TrustedSigner } from '../../signing/index.ts';
import { CliError, Outcome, parseFlags } from '../args.ts';
import { json, pdfFiles, readBytes } from '../io.ts';
import { checksFrom, trustFolder } from '../signing.ts';

function report(file: string, v: SheetVerification) {
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

/** What a verification without --db could not check. */
export const NO_DB_NOTE = 'checked against the built-in rubrics only (no database: a rubric HQ published is not known); the roster was not checked (--db PATH checks against a database)';

/** Which rubrics a file was checked against, and (without a database) that the roster was not. */
function checkedAgainst(withDb: boolean): { rubrics: 'database' | 'built-in'; roster?: 'not checked' } {
  return withDb ? { rubrics: 'database' } : { rubrics: 'built-in', roster: 'not checked' };
}

export async function verify(args: readonly string[]): Promise<Outcome> {
  const usage = 'usage: scorecard verify FILE|DIR... [--trust DIR] [--db PATH] [--json]';
  const { positional, flags } = parseFlags(args, ['--json'], ['--trust', '--db']);
  if (positional.length === 0) throw new CliError(usage);
  const trusted: TrustedSigner[] = [];
  // Without a database: the built-in rubrics only, and no roster to compare with (said below).
  let rubrics: readonly Rubric[] = BUILTIN_RUBRICS;
  let withDb = false;
  // When the database first had each file (the time checks); a file it never had: now.
  let firstReceived: ((sha256: string) => Date | null) | undefined;
  // The database's roster checks of the signers, as the app's inbox applies them.
  let rosterChecks = (v: SheetVerification) => v;
  if (flags['--trust']) trusted.push(...trustFolder(flags['--trust']));
  if (flags['--db'] || !flags['--trust']) {
    const path = flags['--db'] ?? process.env.SCORECARD_DB;
    if (!path) throw new CliError('verify needs the trusted certificates: --trust DIR (a folder of .cer files), or --db PATH (the trusted signers of a database)');
    const checks = checksFrom(path);
    trusted.push(...checks.trusted);
    ({ rubrics, firstReceived, rosterChecks } = checks);
    withDb = true;
  }
  const files = pdfFiles(positional);
  if (files.length === 0) throw new CliError(`no PDF files in ${positional.join(', ')}`);
  const reports: ReturnType<typeof report>[] = [];
  for (const file of files) reports.push({ ...report(file, rosterChecks(await verifySheetPdf(readBytes(file), trusted, { rubrics, firstReceived }))), ...checkedAgainst(withDb) });
  const failed = reports.filter((r) => !r.ok).length;
  const summary = failed ? `${failed} of ${reports.length} files failed verification` : '';
  if (flags['--json']) return new Outcome(json(reports), failed ? 1 : 0, summary);
  const lines = reports.map((r) => {
    if (!r.ok) return `FAIL  ${r.file}  ${r.failure!.check}: ${r.failure!.message}`;
    const who = r.person ? `${r.person.employeeNo} ${r.person.name} ${r.period}` : '';
    const chain = r.signers.map((s) => `${s.role} ${s.name}`).join(' → ');
    const state = r.complete ? 'complete' : `next: ${r.nextStep}`;
    return `OK    ${r.file}  ${who}  monthly ${r.scores?.monthlyScore}  ${chain} (${state})`;
  });
  // The summary stays the last line (scripts read it); what was not checked comes just before it.
  if (!withDb) lines.push(NO_DB_NOTE);
  lines.push(`${reports.length - failed} of ${reports.length} files verified`);
  return new Outcome(lines.join('\n'), failed ? 1 : 0, summary);
}
