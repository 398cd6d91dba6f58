/**
 * `export`: the month's ready sheets exported and signed by the identity's step, into a folder
 * (the app's sheets.exportMonth, with the identity from a .p12 file instead of the app's store).
 */
import { mkdirSync } from 'node:fs';
import { FIELDS } from '../../../shared/api/contract.ts';
import { firstStepFor } from '../../../shared/chain.ts';
import { ROLE_IDS } from '../../../shared/rubric/schema.ts';
import { planMonthExport, runMonthExport } from '../../services/export.ts';
import { createJob } from '../../services/jobs.ts';
import { exportRegion } from '../../services/roster-trust.ts';
import { CliError, Outcome, checkValue, languageFlag, parseFlags } from '../args.ts';
import { openDb } from '../database.ts';
import { json, type Io } from '../io.ts';
import { identityFrom } from '../signing.ts';

/** The steps that export a sheet: the first step of some role's chain (the regional manager; sales planning for a regional manager's own sheet). */
const EXPORTING_STEPS = new Set(ROLE_IDS.map(firstStepFor));

export async function exportMonth(args: readonly string[], io: Io): Promise<Outcome> {
  const usage = 'usage: scorecard export --db PATH --month YYYY-MM [--region CODE] --out DIR --identity FILE.p12 [--lang zh|en]';
  const { positional, flags } = parseFlags(args, [], ['--db', '--month', '--region', '--out', '--identity', '--lang']);
  const [dbPath, monthText, out, identityPath, regionText] = [flags['--db'], flags['--month'], flags['--out'], flags['--identity'], flags['--region']];
  if (positional.length || !dbPath || !monthText || !out || !identityPath) throw new CliError(usage);
  // The contract's rules of sheets.exportMonth: the month, the language; a region by its code.
  const month = checkValue(FIELDS.period, monthText, { flag: '--month', text: monthText });
  const language = languageFlag(flags);
  const regionCode = regionText === undefined ? undefined : checkValue(FIELDS.identifier, regionText, { flag: '--region', text: regionText });
  const db = openDb(dbPath, false);
  try {
    let regionId: number | undefined;
    if (regionCode !== undefined) {
      const region = db.prepare('SELECT id FROM regions WHERE code = ?').get(regionCode) as { id: number } | undefined;
      if (!region) {
        const codes = (db.prepare('SELECT code FROM regions ORDER BY code').all() as { code: string }[]).map((r) => r.code);
        throw new CliError(`--region: no region "${regionCode}" in ${dbPath} (regions: ${codes.join(', ') || 'none'})`);
      }
      regionId = region.id;
    }
    const identity = await identityFrom(identityPath, io);
    if (!EXPORTING_STEPS.has(identity.role)) {
      throw new CliError(`${identityPath} signs for ${identity.role}: sheets are exported by the regional manager (or, for a regional manager's own sheet, sales planning); use "scorecard sign" to approve`);
    }
    // A regional manager exports only their own region (the region asked for must be theirs).
    regionId = exportRegion(db, identity, regionId);
    mkdirSync(out, { recursive: true });
    const plan = planMonthExport(db, { period: month, regionId, role: identity.role });
    const job = createJob('export-month', plan.targets.length);
    await runMonthExport(db, { period: month, regionId, identity, language, outDir: out }, job, plan);
    const result = {
      month,
      region: regionCode ?? null,
      signer: { name: identity.name, role: identity.role, fingerprint: identity.fingerprint },
      exported: job.files.length,
      files: job.files.map((f) => f.path),
      skipped: job.skipped.map((s) => ({ employeeNo: s.employeeNo, name: s.name, reason: s.reason })),
      failures: job.failures.map((f) => ({ employeeNo: f.employeeNo, name: f.name, message: f.message })),
    };
    const failed = job.failures.length;
    return new Outcome(json(result), failed ? 1 : 0, failed ? `${failed} of ${job.total} sheets could not be exported` : '');
  } finally {
    db.close();
  }
}
