/**
 * The API contract: one typed map of handler names to input schema and result type. The
 * renderer (over IPC or HTTP), the CLI and the tests all speak it; the backend validates every
 * input against it before a service runs.
 */
import { z } from 'zod';
import { IDENTIFIER, IDENTIFIER_MAX } from '../identifier.ts';
import { MAX_YEAR, MIN_YEAR, parsePeriod, PERIOD_EXPECTED } from '../period.ts';
import { InputError, zodProblems, type ProblemRule } from '../problems.ts';
import { ROLE_IDS, type Rubric } from '../rubric/schema.ts';
import { SCORER_STATUSES } from '../sheet-status.ts';
import { CHAIN_ROLES, LANGUAGES, SHEET_STATUSES } from './types.ts';
import type { AnnualReport, DashboardData, FairnessReport, FiguresImportResult, FiguresPreview, MonthFigures, PayReport, PaySettingsVersion, SheetFiguresState } from './report-types.ts';
import { AMEND_REASON_MAX } from '../amendment.ts';
import { DEPARTMENT_IDS } from '../departments.ts';
import type { Choice, FindingsImportResult, FindingsMonth, FindingsPreview } from './findings-types.ts';
import type {
  AmendedSheet,
  ApproveResult,
  AppInfo,
  AuditEntry,
  BackupInfo,
  BackupList,
  ExportResult,
  FileData,
  SavedToFolder,
  HrImportOutcome,
  IdentityInfo,
  InboxEntry,
  InboxOverviewRow,
  JobStatus,
  Language,
  MonthRow,
  Person,
  Region,
  ReturnImportOutcome,
  RestoreResult,
  ReturnNoteInfo,
  RosterPreview,
  SavedSheet,
  SavedSheets,
  SheetRecord,
  StoredFile,
  TrustedSignerInfo,
  UnlockedIdentity,
  User,
} from './types.ts';

const period = z.string().refine((text) => parsePeriod(text) !== null, PERIOD_EXPECTED);
const id = z.number().int().positive();
/** The longest name (a person's, a region's, the user's); the roster import checks the same. */
export const MAX_NAME = 100;
// An employee number or a region code (shared/identifier.ts; the roster import checks the same).
export { IDENTIFIER, IDENTIFIER_MAX } from '../identifier.ts';
const name = z
  .string()
  .trim()
  .min(1, 'a non-empty text')
  .refine((text) => text.length <= MAX_NAME, { message: `at most ${MAX_NAME} characters`, params: { rule: { code: 'note-length', max: MAX_NAME } satisfies ProblemRule } });
/** An employee number or a region code (its rule lets the UI word the problem in its language). */
const identifier = z
  .string()
  .trim()
  .refine((text) => IDENTIFIER.test(text), { message: `letters, digits and "-", at most ${IDENTIFIER_MAX}`, params: { rule: { code: 'identifier', max: IDENTIFIER_MAX } satisfies ProblemRule } });
const empty = z.strictObject({});
const year = z.number().int().min(MIN_YEAR, `a year from ${MIN_YEAR} to ${MAX_YEAR}`).max(MAX_YEAR, `a year from ${MIN_YEAR} to ${MAX_YEAR}`);
/** The largest file a call carries (a roster, a salary/KPI file, a signed sheet, an identity…). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The most entries one bulk approval or return names. */
export const BULK_MAX = 1000;
/** The most files one call carries. */
export const MAX_FILES_PER_CALL = 100;
/** The largest request body browser mode reads (a call with several files: the renderer splits larger batches). */
export const MAX_REQUEST_BYTES = 20 * 1024 * 1024;
/** Base64 of MAX_UPLOAD_BYTES: 4 characters for every 3 bytes. */
const MAX_UPLOAD_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
/** A file sent to the backend: its name and bytes (base64; the renderer has no file system). */
const upload = z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(MAX_UPLOAD_BASE64, `a file of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`) });

/** A passphrase: used to open or create a .p12, never stored, logged or echoed in an error. */
const passphrase = z.string().min(1, 'a passphrase');
const fingerprint = z.string().regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 certificate fingerprint (AB:CD:… or 64 hex digits)');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a file's SHA-256 (64 lowercase hex digits)");
const chainRole = z.enum(CHAIN_ROLES);
const files = z.array(upload).min(1, 'at least one file').max(MAX_FILES_PER_CALL, `at most ${MAX_FILES_PER_CALL} files per call`);
const comment = z.string().trim().max(2000, 'at most 2000 characters');
/** A signing identity's name and e-mail (in its certificate). */
const signerName = z
  .string()
  .trim()
  .min(1, 'a non-empty name')
  .refine((text) => text.length <= 64, { message: 'at most 64 characters', params: { rule: { code: 'note-length', max: 64 } satisfies ProblemRule } });
const email = z
  .string()
  .trim()
  .refine((text) => /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(text), { message: 'an ASCII address like name@example.com', params: { rule: { code: 'email' } satisfies ProblemRule } });

/**
 * The contract's rules for single values, for inputs that reach a service another way than
 * through a handler (the command line's flags): the same checks, the same words.
 */
export const FIELDS = { period, year, id, identifier, name, language: z.enum(LANGUAGES), chainRole, signerName, email } as const;

/** The score sheet part a manager edits; checked in depth against the rubric by the service. */
const sheetEntry = z.strictObject({
  items: z.record(z.string(), z.unknown()).optional(),
  absences: z.array(z.unknown()).optional(),
  handIns: z.record(z.string(), z.unknown()).optional(),
});

/** Which report file: pay needs `period` (xlsx or csv), annual needs `year` (xlsx, csv or pdf). */
export interface ReportFileInput {
  report: 'pay' | 'annual';
  period?: string;
  year?: number;
  basis?: 'approved' | 'all';
  format: 'xlsx' | 'csv' | 'pdf';
  language: Language;
}

/** What a save gives for one sheet besides whose and which month (sheets.save, each sheet of sheets.saveMany). */
const sheetSave = {
  entry: sheetEntry,
  // 'signed', 'returned' and 'approved' come from export, return notes and HR's import, not from an edit.
  status: z.enum(SHEET_STATUSES).refine((s) => (SCORER_STATUSES as readonly string[]).includes(s), `one of ${SCORER_STATUSES.join(', ')}`),
  expectedRevision: z.number().int().min(0),
};

/** A handler's entry: its result type given, its input's type inferred from the schema (each input is written once). */
function handler<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

export const contract = {
  'app.info': handler<AppInfo>()(empty),
  'user.set': handler<User>()(z.strictObject({ name, chainRole: z.enum(CHAIN_ROLES), regionId: id.nullable() })),
  'settings.setLanguage': handler<{ language: Language }>()(z.strictObject({ language: z.enum(LANGUAGES) })),

  'regions.list': handler<Region[]>()(empty),
  'regions.save': handler<Region>()(
    z.strictObject({ id: id.optional(), code: identifier, name }),
  ),
  'regions.setActive': handler<Region>()(z.strictObject({ id, active: z.boolean() })),

  'people.list': handler<Person[]>()(z.strictObject({ includeInactive: z.boolean().optional() })),
  'people.save': handler<Person>()(
    z.strictObject({
      id: id.optional(),
      employeeNo: identifier,
      name,
      role: z.enum(ROLE_IDS),
      regionId: id.nullable(),
      managerId: id.nullable(),
      activeFrom: period,
      activeTo: period.nullable(),
    }),
  ),
  'people.deactivate': handler<Person>()(z.strictObject({ id, activeTo: period })),
  'roster.preview': handler<RosterPreview>()(upload),
  'roster.import': handler<{ added: number; updated: number; unchanged: number }>()(upload),

  'rubrics.list': handler<Rubric[]>()(empty),
  /** A new version of a rubric (the definition's id, the next version number), in force from its effectiveFrom. Checked in depth by the rubric schema. */
  'rubrics.save': handler<Rubric>()(z.strictObject({ definition: z.unknown() })),
  /**
   * A rubric version as the published rubric file HQ hands to every database: a PDF that prints it
   * and embeds it, signed by one of this app's sales planning identities (docs/trust.md, "Rubrics").
   */
  'rubrics.export': handler<FileData>()(
    z.strictObject({ id: z.string().min(1).max(200), version: z.number().int().min(1), fingerprint, passphrase, language: z.enum(LANGUAGES).optional() }),
  ),
  /** A published rubric file, accepted only when signed by a trusted sales planning signer (named in the result). */
  'rubrics.import': handler<Rubric & { signer: { name: string; fingerprint: string } }>()(upload),

  /** The month grid's rows, in the grid's order; `limit` gives only the first rows (the first paint asks for a page before the whole list). */
  'sheets.month': handler<MonthRow[]>()(
    z.strictObject({ period, limit: z.number().int().min(1).max(1000).optional() }),
  ),
  'sheets.get': handler<SheetRecord>()(z.strictObject({ personId: id, period })),
  'sheets.save': handler<SavedSheet>()(
    z.strictObject({ personId: id, period, ...sheetSave }),
  ),
  /**
   * A change to a signed (or here approved) sheet as a numbered amendment with its reason
   * (docs/trust.md, "Amendments"): only the app of the sheet's first step; the sheet becomes
   * 'ready' carrying `amends` (the version it amends, by its exported file) until it is exported and signed.
   */
  'sheets.amend': handler<AmendedSheet>()(
    z.strictObject({
      personId: id,
      period,
      entry: sheetEntry,
      reason: z.string().trim().min(1, 'a reason').max(AMEND_REASON_MAX, `at most ${AMEND_REASON_MAX} characters`),
      expectedRevision: z.number().int().min(0),
    }),
  ),
  /** Many sheets of one month in one call, all or nothing (each as sheets.save would save it); answers each one's new revision and score. */
  'sheets.saveMany': handler<SavedSheets>()(
    z.strictObject({
      period,
      // A month of the largest company has 5,000 sheets; 20,000 leaves room while bounding what one call holds in memory and in one transaction.
      sheets: z.array(z.strictObject({ personId: id, ...sheetSave })).min(1, 'at least one sheet').max(20_000, 'at most 20,000 sheets per call'),
    }),
  ),

  // Signing identities and trusted signers
  'identities.create': handler<IdentityInfo>()(
    z.strictObject({
      name: signerName,
      role: chainRole,
      email: email.optional(),
      /** The holder's employee number in HR's roster: required for a regional manager (checked by the service), optional for the other steps. */
      employeeNo: identifier.optional(),
      passphrase,
      algorithm: z.enum(['ECDSA-P256', 'RSA-2048']).optional(),
    }),
  ),
  'identities.import': handler<IdentityInfo>()(
    upload.extend({ passphrase, role: chainRole.optional() }),
  ),
  'identities.list': handler<IdentityInfo[]>()(empty),
  'identities.exportCertificate': handler<FileData>()(
    z.strictObject({ fingerprint, format: z.enum(['der', 'pem']) }),
  ),
  'trust.add': handler<TrustedSignerInfo>()(upload.extend({ role: chainRole.optional() })),
  'trust.list': handler<TrustedSignerInfo[]>()(empty),
  'trust.remove': handler<TrustedSignerInfo>()(z.strictObject({ fingerprint })),

  // Export and sign; a month in the background
  'sheets.export': handler<ExportResult>()(
    z.strictObject({ personId: id, period, fingerprint, passphrase, language: z.enum(LANGUAGES) }),
  ),
  'sheets.exportMonth': handler<{ jobId: string; total: number }>()(z.strictObject({ period, regionId: id.optional(), fingerprint, passphrase, language: z.enum(LANGUAGES) })),
  'jobs.get': handler<JobStatus>()(z.strictObject({ jobId: z.string().uuid('a job id') })),
  /** A file this app exported (a signed sheet or a month's region summary), by its SHA-256: to download it. */
  'exports.get': handler<FileData>()(z.strictObject({ sha256 })),

  // Review: inbox, approve, return; the manager imports return notes; HR imports approved sheets
  'inbox.add': handler<InboxEntry[]>()(z.strictObject({ files })),
  'inbox.list': handler<InboxEntry[]>()(
    z.strictObject({ state: z.enum(['pending', 'approved', 'returned', 'imported']).optional() }),
  ),
  // Without a passphrase: the identity unlocked for the session (identities.unlock), else refused (identity-locked).
  'inbox.approve': handler<ApproveResult>()(
    z.strictObject({ sha256, fingerprint, passphrase: passphrase.optional(), comment: comment.optional() }),
  ),
  'inbox.return': handler<StoredFile>()(
    z.strictObject({ sha256, fingerprint, passphrase: passphrase.optional(), reason: comment.min(1, 'a reason'), language: z.enum(LANGUAGES).optional() }),
  ),
  /**
   * Approve many received sheets with one passphrase (or the session's unlocked identity), as a
   * job (progress and each entry's outcome: jobs.get): the entries named, or every pending entry
   * at the identity's step (of a month, of a region by its code). A stored verdict is reused while
   * the file and what the verdict depended on are unchanged; otherwise the file is verified again.
   */
  'inbox.approveMany': handler<{ jobId: string; total: number }>()(
    z
      .strictObject({
        sha256: z.array(sha256).min(1, 'at least one file').max(BULK_MAX, `at most ${BULK_MAX} files per call`).optional(),
        pending: z.strictObject({ period: period.optional(), regionCode: identifier.optional() }).optional(),
        fingerprint,
        passphrase: passphrase.optional(),
        comment: comment.optional(),
      })
      .refine((v) => v.sha256 !== undefined || v.pending !== undefined, 'the files to approve (sha256), or pending: the pending entries at your step'),
  ),
  /** Return many received sheets with one reason (a signed return note each), as a job. */
  'inbox.returnMany': handler<{ jobId: string; total: number }>()(
    z.strictObject({
      sha256: z.array(sha256).min(1, 'at least one file').max(BULK_MAX, `at most ${BULK_MAX} files per call`),
      fingerprint,
      passphrase: passphrase.optional(),
      reason: comment.min(1, 'a reason'),
      language: z.enum(LANGUAGES).optional(),
    }),
  ),
  /** The files a finished bulk approval or return signed, as one zip. */
  'inbox.bulkFiles': handler<FileData>()(z.strictObject({ jobId: z.string().uuid('a job id') })),
  // Desktop only: the folder is chosen in the app's own dialog (never a path from the page); title: that dialog's.
  'inbox.saveBulkFiles': handler<SavedToFolder>()(z.strictObject({ jobId: z.string().uuid('a job id'), title: z.string().trim().min(1).max(200) })),
  /** Remove a refused entry (one that does not verify) or a region summary from the inbox, with its kept copy. */
  'inbox.remove': handler<{ sha256: string; fileName: string }>()(z.strictObject({ sha256 })),
  /** Per region and month: received sheets pending at this app's step, returned, complete. */
  'inbox.overview': handler<InboxOverviewRow[]>()(empty),
  /** Keep an identity unlocked in memory for this session (never written); it locks after an idle time and on quit. */
  'identities.unlock': handler<UnlockedIdentity>()(z.strictObject({ fingerprint, passphrase })),
  /** Lock one identity (or every one) again. */
  'identities.lock': handler<UnlockedIdentity[]>()(z.strictObject({ fingerprint: fingerprint.optional() })),
  /** The identities unlocked now; `active`: the user is at work (keeps them from the idle lock). */
  'identities.unlocked': handler<{ idleMs: number; unlocked: UnlockedIdentity[] }>()(z.strictObject({ active: z.boolean().optional() })),
  'returns.import': handler<ReturnImportOutcome[]>()(z.strictObject({ files })),
  'returns.list': handler<ReturnNoteInfo[]>()(z.strictObject({ period: period.optional() })),
  'hr.import': handler<HrImportOutcome[]>()(
    z
      .strictObject({ files: files.optional(), sha256: z.array(sha256).min(1).max(100).optional() })
      .refine((v) => v.files !== undefined || v.sha256 !== undefined, 'files to import, or the sha256 of files in the inbox'),
  ),

  // Salary totals and KPIs per person and month (checked in depth by the service: shared/kpi.ts).
  'figures.month': handler<MonthFigures[]>()(z.strictObject({ period })),
  'figures.save': handler<MonthFigures>()(
    z.strictObject({
      personId: id,
      period,
      salaryTotal: z.number().nullable(),
      kpis: z.record(z.string(), z.number().nullable()),
      expectedRevision: z.number().int().min(0),
    }),
  ),
  'figures.preview': handler<FiguresPreview>()(upload.extend({ period })),
  'figures.import': handler<FiguresImportResult>()(
    upload.extend({ period }),
  ),
  // Figures from signed sheets (HR's import): what is unconfirmed or differs, confirming in bulk, settling a difference.
  'figures.fromSheets': handler<SheetFiguresState>()(z.strictObject({ period })),
  'figures.confirm': handler<{ confirmed: number; people: number }>()(
    z.strictObject({ period, personIds: z.array(id).min(1).max(1000).optional() }),
  ),
  'figures.resolveConflict': handler<MonthFigures>()(
    z.strictObject({ personId: id, period, kpi: z.string().min(1).max(60), keep: z.enum(['hr', 'sheet']) }),
  ),

  // The departments' findings for a month (electron/services/findings.ts): a department's file → the draft sheets, each deduction with its source.
  'findings.preview': handler<FindingsPreview>()(upload.extend({ period, department: z.enum(DEPARTMENT_IDS) })),
  'findings.import': handler<FindingsImportResult>()(upload.extend({ period, department: z.enum(DEPARTMENT_IDS) })),
  /** Each department's file for the month (or none yet) and the open conflicts. */
  'findings.month': handler<FindingsMonth>()(z.strictObject({ period })),
  /** The manager's choice where findings conflict: count them all, only the departments', or whose value (a grade). */
  'findings.resolve': handler<{ personId: number; period: string; itemId: string; choice: Choice; monthlyScore: number }>()(
    z.strictObject({ period, personId: id, itemId: z.string().min(1).max(200), choice: z.enum(['all', 'departments', 'manager', ...DEPARTMENT_IDS]) }),
  ),
  /** A department's template (XLSX): the month's people and only the items the department assesses. */
  'findings.template': handler<FileData>()(z.strictObject({ period, department: z.enum(DEPARTMENT_IDS) })),

  // Pay settings, versioned: each version is in force from a month.
  'paySettings.list': handler<PaySettingsVersion[]>()(empty),
  'paySettings.save': handler<PaySettingsVersion>()(
    z.strictObject({ effectiveFrom: period, settings: z.unknown() }),
  ),

  // Reports: pay, annual, dashboards, fairness; and their files for payroll and HR.
  'reports.pay': handler<PayReport>()(z.strictObject({ period })),
  'reports.annual': handler<AnnualReport>()(
    z.strictObject({ year, basis: z.enum(['approved', 'all']).optional() }),
  ),
  'reports.dashboard': handler<DashboardData>()(z.strictObject({ period })),
  'reports.fairness': handler<FairnessReport>()(z.strictObject({ period })),
  'reports.file': handler<FileData>()(
    z
      .strictObject({
        report: z.enum(['pay', 'annual']),
        period: period.optional(),
        year: year.optional(),
        basis: z.enum(['approved', 'all']).optional(),
        format: z.enum(['xlsx', 'csv', 'pdf']),
        language: z.enum(LANGUAGES),
      })
      .superRefine((v, ctx) => {
        if (v.report === 'pay' && v.period === undefined) ctx.addIssue({ code: 'custom', path: ['period'], message: 'the month of the pay report (YYYY-MM)' });
        if (v.report === 'pay' && v.format === 'pdf') ctx.addIssue({ code: 'custom', path: ['format'], message: '"xlsx" or "csv" for the pay report' });
        if (v.report === 'annual' && v.year === undefined) ctx.addIssue({ code: 'custom', path: ['year'], message: 'the year of the annual report' });
      }),
  ),

  'demo.load': handler<{ regions: number; people: number; sheets: number }>()(empty),
  'audit.list': handler<AuditEntry[]>()(z.strictObject({ limit: z.number().int().min(1).max(1000).optional() })),

  'backups.list': handler<BackupList>()(empty),
  'backups.create': handler<BackupInfo>()(empty),
  'backups.restore': handler<RestoreResult>()(
    z.strictObject({ name: z.string().regex(/^[^/\\]{1,200}\.db$/, "a backup's file name, as backups.list gives it") }),
  ),
} as const;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
export type InputOf<N extends HandlerName> = z.infer<Contract[N]['input']>;
export type ResultOf<N extends HandlerName> = Contract[N]['result'];

export const HANDLER_NAMES = Object.keys(contract) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Validate a call's input against the contract; throws InputError naming every problem. */
export function parseInput<N extends HandlerName>(name: N, raw: unknown): InputOf<N> {
  const parsed = contract[name].input.safeParse(raw === undefined ? {} : raw);
  if (parsed.success) return parsed.data as InputOf<N>;
  // A problem never echoes a passphrase back (it would end up in logs and on screen).
  const problems = zodProblems(parsed.error, raw).map(({ value, ...p }) => (/passphrase/i.test(p.field) ? p : value === undefined ? p : { ...p, value }));
  throw new InputError(problems, name);
}
