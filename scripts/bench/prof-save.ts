/**
 * Throwaway: the saving measurement alone (`measure`), or a CPU profile of one sheets.saveMany
 * of the month (`batch`) or of sheets.save × 5,000 (`prof`) into /tmp/prof/<mode>.cpuprofile.
 * node --import tsx scripts/bench/prof-save.ts [measure|batch|prof]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTransaction } from '../../electron/db/transaction.ts';
import { saveSheets } from '../../electron/services/sheets-save-many.ts';
import { saveSheet } from '../../electron/services/sheets.ts';
import { formatPeriod, nextPeriod, parsePeriod } from '../../shared/period.ts';
import { buildCompany } from './data.ts';
import { measureSaving } from './saving.ts';

const dir = mkdtempSync(join(tmpdir(), 'prof-save-'));
const company = await buildCompany(dir, () => {});
const { db, last, lastMonth } = company;
const mode = process.argv[2] ?? 'measure';
try {
  if (mode === 'measure') {
    const r = await measureSaving(company);
    console.log({ ...r, ratio: +(r.batchMs / r.baselineMs).toFixed(2), oneByOneRatio: +(r.oneByOneMs / r.baselineMs).toFixed(2) });
  } else {
    // A first save of the month warms the code up; the profile is of the same sheets a month later.
    const month = (period: string) => lastMonth.map(({ personId, entry }) => ({ personId, entry: JSON.parse(JSON.stringify(entry).replaceAll(`${last}-`, `${period}-`)), status: 'ready' as const, expectedRevision: 0 }));
    const next = formatPeriod(nextPeriod(parsePeriod(last)!));
    if (mode === 'batch') saveSheets(db, { period: last, sheets: month(last) });
    else writeTransaction(db, () => month(last).forEach((s) => saveSheet(db, { ...s, period: last })));
    const sheets = month(next);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const t = performance.now();
    if (mode === 'batch') saveSheets(db, { period: next, sheets });
    else writeTransaction(db, () => sheets.forEach((s) => saveSheet(db, { ...s, period: next })));
    console.log('save ms', performance.now() - t);
    const { profile } = await session.post('Profiler.stop');
    mkdirSync('/tmp/prof', { recursive: true });
    writeFileSync(`/tmp/prof/${mode}.cpuprofile`, JSON.stringify(profile));
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
