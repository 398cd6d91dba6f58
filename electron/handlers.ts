/**
 * The handler map: every contract name bound to its service, registered once. Electron's IPC,
 * the browser-mode HTTP server and the tests all call `invoke`, which validates the input
 * against the contract before the service runs and turns failures into an ApiFailure.
 */
import { isHandlerName, parseInput, type HandlerName, type InputOf, type ResultOf } from '../shared/api/contract.ts';
import type { ApiFailure, AppInfo } from '../shared/api/types.ts';
import { InputError } from '../shared/problems.ts';
import { BUSY_TIMEOUT_MS, schemaVersion, type Db } from './db/database.ts';
import { assertIntegrityRecent, BackupError } from './db/backups.ts';
import { listAudit } from './services/audit.ts';
import { createDbBackup, listDbBackups, restoreDbBackup } from './services/backups.ts';
import { loadDemo } from './services/demo.ts';
import { ServiceError, signFailure } from './services/errors.ts';
import { exportSheet, startMonthExport } from './services/export.ts';
import { getExportedFile } from './services/export-files.ts';
import { hrImport } from './services/hr-import.ts';
import {
  addTrustedSigner,
  createStoredIdentity,
  exportIdentityCertificate,
  importStoredIdentity,
  listIdentities,
  listTrustedSigners,
  removeTrustedSigner,
} from './services/identities.ts';
import { addToInbox, approveInbox, listInbox } from './services/inbox.ts';
import { amendSheet } from './services/amendments.ts';
import { monthFigures, saveFigures } from './services/figures.ts';
import { importFigures, previewFigures } from './services/figures-import.ts';
import { assertNoChoiceWaiting, findingsMonth, findingsTemplate, importFindings, previewFindings, resolveFinding } from './services/findings.ts';
import { confirmSheetFigures, resolveFigureConflict, sheetFiguresState } from './services/sheet-figures.ts';
import { getJob } from './services/jobs.ts';
import { listPaySettings, savePaySettings } from './services/pay-settings.ts';
import { reportFile } from './services/report-files.ts';
import { annualReport, dashboard, fairness, payReport } from './services/reports.ts';
import { exportRubricFile, importRubricFile, saveRubricVersion } from './services/rubric-editing.ts';
import { deactivatePerson, listPeople, savePerson } from './services/people.ts';
import { listRegions, saveRegion, setRegionActive } from './services/regions.ts';
import { returnInbox } from './services/inbox-return.ts';
import { bulkFiles, inboxOverview, removeEntry, saveBulkFiles, startBulkApproval, startBulkReturn, type ChooseFolder } from './services/inbox-bulk.ts';
import { listUnlocked, lockIdentity, unlockIdentity } from './services/session-unlock.ts';
import { importReturnNotes, listReturnNotes } from './services/returns.ts';
import { importRoster, previewRoster } from './services/roster-import.ts';
import { listRubrics } from './services/rubrics.ts';
import { currentUser, language, setLanguage, setUser } from './services/settings.ts';
import { saveSheets } from './services/sheets-save-many.ts';
import { getSheet, monthRows, saveSheet } from './services/sheets.ts';

export type Handlers = { [N in HandlerName]: (input: InputOf<N>) => ResultOf<N> | Promise<ResultOf<N>> };

export interface AppEnvironment {
  dbPath: string;
  appVersion: string;
  /** The desktop's native folder dialog (electron/main.ts); browser mode has none. */
  chooseFolder?: ChooseFolder;
}

export function createHandlers(db: Db, env: AppEnvironment): Handlers {
  return {
    'app.info': () => appInfo(db, env),
    'user.set': (input) => setUser(db, input),
    'settings.setLanguage': (input) => setLanguage(db, input),
    'regions.list': () => listRegions(db),
    'regions.save': (input) => saveRegion(db, input),
    'regions.setActive': (input) => setRegionActive(db, input),
    'people.list': (input) => listPeople(db, input),
    'people.save': (input) => savePerson(db, input),
    'people.deactivate': (input) => deactivatePerson(db, input),
    'roster.preview': (input) => previewRoster(db, input),
    'roster.import': (input) => importRoster(db, input),
    'rubrics.list': () => listRubrics(db),
    'rubrics.save': (input) => saveRubricVersion(db, input),
    'rubrics.export': (input) => exportRubricFile(db, input),
    'rubrics.import': (input) => importRubricFile(db, input),
    'sheets.month': (input) => monthRows(db, input),
    'sheets.get': (input) => getSheet(db, input),
    // Marked ready only with no findings waiting for the manager's choice (findings.ts).
    'sheets.save': (input) => (assertNoChoiceWaiting(db, input.period, input.status === 'ready' ? [{ personId: input.personId, field: 'status' }] : []), saveSheet(db, input)),
    'sheets.amend': (input) => amendSheet(db, input),
    'sheets.saveMany': (input) => (assertNoChoiceWaiting(db, input.period, readyIn(input.sheets)), saveSheets(db, input)),
    'identities.create': (input) => createStoredIdentity(db, input),
    'identities.import': (input) => importStoredIdentity(db, input),
    'identities.list': () => listIdentities(db),
    'identities.exportCertificate': (input) => exportIdentityCertificate(db, input),
    'trust.add': (input) => addTrustedSigner(db, input),
    'trust.list': () => listTrustedSigners(db),
    'trust.remove': (input) => removeTrustedSigner(db, input),
    // integrity_check before anything is exported from the database (a pass is trusted for 10 minutes).
    'sheets.export': (input) => (assertIntegrityRecent(db), exportSheet(db, input)),
    'sheets.exportMonth': (input) => (assertIntegrityRecent(db), startMonthExport(db, input)),
    'jobs.get': (input) => getJob(input),
    'exports.get': (input) => getExportedFile(db, input),
    'inbox.add': (input) => addToInbox(db, input),
    'inbox.list': (input) => listInbox(db, input),
    'inbox.approve': (input) => approveInbox(db, input),
    'inbox.return': (input) => returnInbox(db, input),
    'inbox.approveMany': (input) => startBulkApproval(db, input),
    'inbox.returnMany': (input) => startBulkReturn(db, input),
    'inbox.bulkFiles': (input) => bulkFiles(input),
    'inbox.saveBulkFiles': (input) => saveBulkFiles(input, env.chooseFolder),
    'inbox.remove': (input) => removeEntry(db, input),
    'inbox.overview': () => inboxOverview(db),
    'identities.unlock': (input) => unlockIdentity(db, input),
    'identities.lock': (input) => lockIdentity(db, input),
    'identities.unlocked': (input) => listUnlocked(db, input),
    'returns.import': (input) => importReturnNotes(db, input),
    'returns.list': (input) => listReturnNotes(db, input),
    'hr.import': (input) => hrImport(db, input),
    'figures.month': (input) => monthFigures(db, input),
    'figures.save': (input) => saveFigures(db, input),
    'figures.preview': (input) => previewFigures(db, input),
    'figures.import': (input) => importFigures(db, input),
    'figures.fromSheets': (input) => sheetFiguresState(db, input),
    'figures.confirm': (input) => confirmSheetFigures(db, input),
    'figures.resolveConflict': (input) => resolveFigureConflict(db, input),
    'findings.preview': (input) => previewFindings(db, input),
    'findings.import': (input) => importFindings(db, input),
    'findings.month': (input) => findingsMonth(db, input),
    'findings.resolve': (input) => resolveFinding(db, input),
    'findings.template': (input) => findingsTemplate(db, input),
    'paySettings.list': () => listPaySettings(db),
    'paySettings.save': (input) => savePaySettings(db, input),
    'reports.pay': (input) => payReport(db, input),
    'reports.annual': (input) => annualReport(db, input),
    'reports.dashboard': (input) => dashboard(db, input),
    'reports.fairness': (input) => fairness(db, input),
    'reports.file': (input) => reportFile(db, input),
    'demo.load': () => loadDemo(db),
    'audit.list': (input) => listAudit(db, input),
    'backups.list': () => listDbBackups(env.dbPath),
    'backups.create': () => createDbBackup(db, env.dbPath),
    'backups.restore': (input) => restoreDbBackup(db, env.dbPath, input),
  };
}

/** The sheets of a batch save that ask for status ready, with the field each came in. */
function readyIn(sheets: readonly { personId: number; status: string }[]): { personId: number; field: string }[] {
  return sheets.flatMap((s, i) => (s.status === 'ready' ? [{ personId: s.personId, field: `sheets[${i}].status` }] : []));
}

function appInfo(db: Db, env: AppEnvironment): AppInfo {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    appVersion: env.appVersion,
    dbPath: env.dbPath,
    schemaVersion: schemaVersion(db),
    user: currentUser(db),
    language: language(db),
    counts: { regions: count('regions'), people: count('people'), sheets: count('sheets') },
    folderChooser: env.chooseFolder !== undefined,
  };
}

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: ApiFailure };

/** Validate and run one call. Never throws: every failure becomes an ApiFailure with a clear message. */
export async function invoke(handlers: Handlers, name: unknown, rawInput: unknown): Promise<InvokeOutcome> {
  if (!isHandlerName(name)) return { ok: false, error: { kind: 'not-found', message: `unknown call ${JSON.stringify(name)}` } };
  try {
    const input = parseInput(name, rawInput);
    const run = handlers[name] as (input: unknown) => unknown;
    return { ok: true, result: await run(input) };
  } catch (err) {
    return { ok: false, error: toFailure(err) };
  }
}

export function toFailure(err: unknown): ApiFailure {
  if (err instanceof InputError) return { kind: 'input', message: err.message, problems: [...err.problems] };
  if (err instanceof ServiceError) return { kind: err.kind, message: err.message, ...(err.refusal ? { refusal: err.refusal } : {}) };
  if (err instanceof BackupError) return { kind: err.refusal.code === 'not-found' ? 'not-found' : 'storage', message: err.message, refusal: err.refusal };
  const signing = signFailure(err);
  if (signing) return signing;
  const storage = storageFailure(err);
  if (storage) return storage;
  // Unexpected: keep the detail in the log, give the user one clear line.
  console.error(err);
  return { kind: 'internal', message: `Something went wrong: ${err instanceof Error ? err.message : String(err)}` };
}

/**
 * SQLite's storage failures in words. SQLite rolls the failed transaction back, so what was
 * committed before is intact; only the change being saved is lost (and stays on screen).
 */
export function storageFailure(err: unknown): ApiFailure | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY')) {
    // Another program (the command line, a backup) kept the write lock past the busy timeout.
    const held = code === 'SQLITE_BUSY' ? `, which kept it locked for more than ${BUSY_TIMEOUT_MS / 1000} seconds` : '';
    return {
      kind: 'storage',
      message: `The database is in use by another program (the scorecard command line, or a backup being made)${held}: this change was not saved. Everything saved before is safe. Save again in a moment.`,
      refusal: { code: 'database-busy', seconds: code === 'SQLITE_BUSY' ? BUSY_TIMEOUT_MS / 1000 : null },
    };
  }
  if (code === 'SQLITE_FULL') {
    return {
      kind: 'storage',
      message: 'The disk is full: this change was not saved. Everything saved before is safe. Free some space on the drive that holds the database, then save again.',
      refusal: { code: 'disk-full' },
    };
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return {
      kind: 'storage',
      message: `The database file could not be read or written (${code}): this change was not saved; everything saved before is safe. Check the drive (space, removed disk, permissions), then try again.`,
      refusal: { code: 'database-io', sqlite: code },
    };
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return { kind: 'storage', message: 'The database file is damaged: this change was not saved. Restore a backup (Settings → Backups).', refusal: { code: 'database-damaged' } };
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return {
      kind: 'storage',
      message: 'The database file cannot be written (read-only file or folder): this change was not saved. Check its permissions, then try again.',
      refusal: { code: 'database-read-only' },
    };
  }
  return null;
}
