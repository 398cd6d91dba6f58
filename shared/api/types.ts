/** The domain records the API passes around. */
import type { RoleId, Rubric } from '../rubric/schema.ts';
import type { SheetResult } from '../scoring/engine.ts';
import type { SheetInput } from '../scoring/input.ts';
import type { Problem } from '../problems.ts';
import type { Amendment, AmendmentDiff, AmendsRef } from '../amendment.ts';
import type { Refusal, VerifyFailure } from '../refusals.ts';
import type { ChainRole } from '../chain.ts';
import type { SheetStatus } from '../sheet-status.ts';
import type { SheetFiguresOutcome } from './report-types.ts';

// The chain and the statuses have their own homes; re-exported here for the records below.
export { CHAIN_ROLES, type ChainRole } from '../chain.ts';
export { SHEET_STATUSES, type SheetStatus } from '../sheet-status.ts';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who is using this copy of the app. */
export interface User {
  name: string;
  chainRole: ChainRole;
  regionId: number | null;
}

export interface Region {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface Person {
  id: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionId: number | null;
  managerId: number | null;
  /** First month (YYYY-MM) the person is assessed. */
  activeFrom: string;
  /** Last month assessed, or null while active. */
  activeTo: string | null;
}

/** One person's line in the month grid. */
export interface MonthRow {
  personId: number;
  employeeNo: string;
  name: string;
  role: RoleId;
  regionId: number | null;
  regionName: string | null;
  status: SheetStatus | 'not-started';
  dailyScore: number | null;
  attendanceScore: number | null;
  monthlyScore: number | null;
  /** Items that lost points, plus penalties. */
  deductions: number;
  flags: string[];
  updatedAt: string | null;
  /** The sheet's current content is an amendment (docs/trust.md, "Amendments"): its version (2, 3…); absent for a version 1. */
  amendment?: number;
}

/** What a manager records on a sheet (the score input less what the server knows). */
export type SheetEntry = Pick<SheetInput, 'items' | 'absences' | 'handIns'>;

export interface SheetRecord {
  person: Person;
  period: string;
  rubric: Rubric;
  input: SheetInput;
  result: SheetResult;
  status: SheetStatus | 'not-started';
  /** Increases with every save; a save must name the revision it edits. */
  revision: number;
  updatedAt: string | null;
  /**
   * A newer rubric version in force than the one this unsigned sheet is scored with
   * (`id@version` each): a draft moves to `to` at its next save, and so does a ready sheet saved
   * as a draft; saved as ready, it keeps `from`. Null for a sheet that keeps its version (signed,
   * returned, approved) or is already on the newest.
   */
  rubricUpdate: { from: string; to: string } | null;
  /**
   * The return note that reopened this sheet (returns.import), while it is being corrected: from
   * the note until the sheet is exported again. Null for a sheet never returned or exported since.
   */
  returnNote: ReturnNoteInfo | null;
  /**
   * The sheet's current content is an amendment (sheets.amend, or imported as one at HR): its
   * version, the version it amends and the reason. Null for version 1 (or a sheet never signed).
   */
  amendment: SheetAmendmentInfo | null;
  /** Every signed version kept (sheet_versions), oldest first; empty for a sheet never signed. */
  versions: SheetVersionInfo[];
  /** Hand-in items missed this month and last: the editor proposes doubling them. */
  doublingCandidates: string[];
  /** The previous month's result, when there is one. */
  previous: SheetResult | null;
  /** For a regional manager's sheet: their team's rows this month, the basis of `team-management`. */
  team: MonthRow[] | null;
}

/** A sheet's current content as an amendment: its number, the version it amends (that version's exported file) and why. */
export interface SheetAmendmentInfo {
  version: number;
  amends: AmendsRef;
  reason: string;
  /** What it changes from the version it amends, item by item (sheets.get, when that version is kept). */
  changes?: AmendmentDiff;
}

/** One signed version of a sheet, as kept (sheet_versions). */
export interface SheetVersionInfo {
  version: number;
  /** The exported file's SHA-256 (its first signed revision): what an amendment of it names. */
  sha256: string;
  /** At HR: the imported file (with every signature); null where the version was exported. */
  fileSha256: string | null;
  /** When it was exported signed (at HR: imported). */
  signedAt: string;
  /** From version 2: why, and the version it amends (its exported file's SHA-256). */
  reason: string | null;
  amendsSha256: string | null;
  rubric: string;
  monthlyScore: number;
  /** From version 2: what changed from the version before it, item by item (null when that one is not kept). */
  changes: AmendmentDiff | null;
}

/** What sheets.amend wrote: the sheet as saved (status 'ready', to be exported and signed) and the amendment it now is. */
export interface AmendedSheet extends SavedSheet {
  amendment: SheetAmendmentInfo;
  /** What changed from the version it amends, item by item (shared/amendment.ts). */
  changes: Amendment['changes'];
  absences?: Amendment['absences'];
  scores: Amendment['scores'];
}

/** What sheets.save wrote: the sheet's new revision, status and scores (sheets.get reads the whole sheet). */
export interface SavedSheet {
  personId: number;
  period: string;
  revision: number;
  status: SheetStatus;
  updatedAt: string;
  dailyScore: number;
  attendanceScore: number;
  monthlyScore: number;
}

/** What sheets.saveMany wrote: each sheet's new revision, status and monthly score, in the order given. */
export interface SavedSheets {
  period: string;
  saved: { personId: number; revision: number; status: SheetStatus; monthlyScore: number }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface RosterRow {
  line: number;
  employeeNo: string;
  name: string;
  role: string;
  region: string;
  activeFrom: string;
  action: 'add' | 'update' | 'unchanged';
  /** The row's problems in English, one line each (`column: "value" is …`). */
  errors: string[];
  /** The same problems as data (field: the column), which the app words in its language. */
  problems: Problem[];
}

export interface RosterPreview {
  fileName: string;
  encoding: string;
  rows: RosterRow[];
  errorCount: number;
}

export interface AppInfo {
  appVersion: string;
  dbPath: string;
  schemaVersion: number;
  user: User | null;
  language: Language | null;
  counts: { regions: number; people: number; sheets: number };
  /** The desktop app saves files into a folder the user picks (a native dialog); browser mode offers a download instead. */
  folderChooser: boolean;
}

/** A backup of the database (`backups/` next to it). */
export interface BackupInfo {
  /** File name in the backups folder; what `backups.restore` takes. */
  name: string;
  /** daily and pre-migration: automatic; manual: from Settings; pre-restore: the database as it was before a restore. */
  kind: 'daily' | 'pre-migration' | 'manual' | 'pre-restore';
  createdAt: string;
  bytes: number;
  schemaVersion: number;
}

export interface BackupList {
  folder: string;
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: string;
  /** The backup holding the database as it was just before the restore. */
  keptAs: string;
  schemaVersion: number;
}

/** How a failed call reaches the caller (renderer, CLI, tests). `storage`: disk full, I/O error, damaged file, backup problems. */
/** How a call fails: bad input, a conflict with what is stored, something missing, storage (disk, lock), or a bug. */
export const FAILURE_KINDS = ['input', 'conflict', 'not-found', 'internal', 'storage'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface ApiFailure {
  kind: FailureKind;
  /** In English, for the CLI and the logs; the UI words `problems` and `refusal` in its language. */
  message: string;
  problems?: Problem[];
  refusal?: Refusal;
}

// ---------------------------------------------------------------------------------------------
// Signed score sheets and the approval chain

/** One of this app's own signing identities (the private key stays in its passphrase-protected .p12). */
export interface IdentityInfo {
  /** SHA-256 of the DER certificate, "AB:CD:…". */
  fingerprint: string;
  name: string;
  role: ChainRole;
  email: string | null;
  /** The holder's employee number from the certificate (null when it carries none). */
  employeeNo: string | null;
  /** The .p12 file's name in the identities folder of the data folder. */
  p12File: string;
  source: 'created' | 'imported';
  createdAt: string;
  /** The certificate's end of validity (ISO 8601). */
  notAfter: string;
}

/** A certificate whose signatures this app accepts, for one step of the chain. */
export interface TrustedSignerInfo {
  fingerprint: string;
  name: string;
  role: ChainRole;
  email: string | null;
  /** The holder's employee number from the certificate (null when it carries none). */
  employeeNo: string | null;
  notAfter: string;
  addedAt: string;
}

/** A file handed back to the caller: name and bytes (and where the backend keeps it, if it does). */
export interface FileData {
  fileName: string;
  dataBase64: string;
}

/** A file written into a folder the user chose: under its own name, or the name it had to take. */
export interface SavedFile {
  fileName: string;
  /** The name it has in the folder: its own, or "name (2).pdf" when another file already had that name. */
  savedAs: string;
  /** The folder already held this very file (same bytes): nothing was written. */
  already: boolean;
}

/** inbox.saveBulkFiles: a bulk job's files in the folder the user chose (desktop); folder null when the choice was cancelled. */
export type SavedToFolder = { folder: string; files: SavedFile[] } | { folder: null; files: [] };

export interface StoredFile extends FileData {
  /** Where the backend wrote the file. */
  path: string;
  /** SHA-256 of the file, hex. */
  sha256: string;
}

export interface ExportResult extends StoredFile {
  personId: number;
  employeeNo: string;
  period: string;
  status: 'signed';
}

export interface JobFailure {
  personId: number;
  employeeNo: string;
  name: string;
  /** In English; `refusal`, when the service refused the sheet, is what the UI words. */
  message: string;
  refusal?: Refusal;
}

export interface JobFile {
  personId: number;
  employeeNo: string;
  name: string;
  period: string;
  fileName: string;
  path: string;
  sha256: string;
}

/** A background job (a month's batch export) as the progress bar sees it. */
/** Why a month's export left a sheet out (`reason` says it in English; the UI words it from the code and the sheet's status). */
export type SkipCode = 'not-started' | 'already-signed' | 'approved' | 'not-ready';

export interface JobStatus {
  id: string;
  kind: 'export-month' | 'approve-many' | 'return-many';
  /** Sheets handled so far (exported or failed). */
  done: number;
  total: number;
  failures: JobFailure[];
  /** Sheets of the month not exported, with the reason (draft, not started, another step's, already signed). */
  skipped: { personId: number; employeeNo: string; name: string; code: SkipCode; status?: SheetStatus; reason: string }[];
  files: JobFile[];
  /** The region summary PDF (signed), once the sheets are done; null when there is none. */
  summary: { fileName: string; path: string; sha256: string } | null;
  /** A bulk approval or return: each entry's outcome, in order. */
  outcomes?: BulkOutcome[];
  finished: boolean;
  startedAt: string;
  finishedAt: string | null;
}

/** One signature of a signed file, as the verifier read it. */
export interface SignerInfo {
  name: string;
  /** The chain role from the trusted list (or, for an untrusted signer, from the certificate). */
  role: ChainRole | null;
  fingerprint: string;
  signingTime: string | null;
  reason: string;
  comment: string;
}

/** The verifier's verdict on a file: ok, or the first failed check with its message. */
export interface FileVerdict {
  ok: boolean;
  /** The check, its English message and its reason as data (the UI words the reason). */
  failure: VerifyFailure | null;
}

export type InboxState = 'pending' | 'approved' | 'returned' | 'imported';

/** A received signed score sheet, with the verdict and the data it carries. */
export interface InboxEntry {
  sha256: string;
  fileName: string;
  path: string;
  receivedAt: string;
  verdict: FileVerdict;
  /** From the embedded scoresheet.json when it could be read (check the verdict before trusting it). */
  person: { employeeNo: string; name: string; role: Person['role'] } | null;
  region: { code: string; name: string } | null;
  period: string | null;
  scores: { dailyScore: number; attendanceScore: number; monthlyScore: number } | null;
  flags: string[];
  signers: SignerInfo[];
  /** The steps this sheet goes through (assessment.md §1), or null when unknown. */
  steps: ChainRole[] | null;
  /** The step that signs next; null when complete or unknown. */
  nextStep: ChainRole | null;
  /** Every step has signed. */
  complete: boolean;
  state: InboxState;
  handledAt: string | null;
  /** The return reason or approval comment, once handled. */
  note: string | null;
  /** The file is an amendment (from its data: version, the version it amends, reason, changes, scores); null otherwise. */
  amendment: Amendment | null;
  /** The entry of this inbox holding the version it amends (by that version's exported file), if any. */
  amendedEntry: { sha256: string; fileName: string; state: InboxState } | null;
  /**
   * A newer version of the same sheet came into this inbox (a verified amendment of this version
   * or a later one): this file can no longer be approved (inbox.approve refuses: superseded).
   */
  superseded: { sha256: string; fileName: string; version: number } | null;
  /** The file is a region summary (not a score sheet): what it lists and which of those are in this inbox. */
  summary?: RegionSummaryInfo | null;
}

/**
 * A region summary in the inbox (a month's export writes it, signed, embedding its list): the
 * sheets it lists, each with the inbox entry holding that exported file (by its first signed
 * revision), if any.
 */
export interface RegionSummaryInfo {
  region: { code: string; name: string } | null;
  period: string;
  signer: { name: string; role: ChainRole };
  signedAt: string;
  /** The language the summary's PDF is written in. */
  language: Language;
  sheets: {
    employeeNo: string;
    name: string;
    role: Person['role'];
    fileName: string;
    monthlyScore: number;
    /** The flags as ids (worded by the UI) and as the summary's PDF words them (in `language`). */
    flags: string[];
    flagWords: string[];
    entry: { sha256: string; state: InboxState; nextStep: ChainRole | null; ok: boolean } | null;
  }[];
}

/** One entry of a bulk approval or return (inbox.approveMany, inbox.returnMany): what became of it. */
export interface BulkOutcome {
  sha256: string;
  fileName: string;
  person: InboxEntry['person'];
  region: InboxEntry['region'];
  period: string | null;
  outcome: 'signed' | 'returned' | 'skipped';
  /** The inbox's stored verdict was used (the file and what its verdict depended on unchanged) instead of verifying again. */
  reused: boolean;
  /** Why it was skipped (null when signed or returned, or for an unexpected failure: see `message`). */
  refusal: Refusal | null;
  message: string | null;
  /** The new file: the approved sheet, or the signed return note. */
  file: { fileName: string; path: string; sha256: string } | null;
  complete: boolean;
  nextStep: ChainRole | null;
}

/** A signing identity unlocked for this session (kept in memory only): it locks again after `idleMs` without use, and when the app quits. */
export interface UnlockedIdentity {
  fingerprint: string;
  name: string;
  role: ChainRole;
  idleMs: number;
  /** When it locks unless used before. */
  locksAt: string;
}

/** Approvals' overview for a reviewer step: per region and month, the received sheets pending at the step, returned, and complete. */
export interface InboxOverviewRow {
  period: string;
  region: { code: string; name: string } | null;
  pendingAtStep: number;
  pendingElsewhere: number;
  /** Approved here (signed by this step). */
  approved: number;
  returned: number;
  complete: number;
}

export interface ApproveResult {
  /** The file with the reviewer's signature appended (send it on; HR imports it when complete). */
  file: StoredFile;
  /** The signatures the new file carries. */
  signers: SignerInfo[];
  /** Every step has now signed. */
  complete: boolean;
  nextStep: ChainRole | null;
  /** The inbox entry approved (now in state 'approved'). */
  entry: InboxEntry;
}

/** A signed return note, imported by the manager's app. */
export interface ReturnNoteInfo {
  sha256: string;
  personId: number | null;
  employeeNo: string;
  name: string;
  period: string;
  reason: string;
  returnedBy: { name: string; role: ChainRole };
  returnedAt: string;
  /** The sheet was reopened by this note ('returned'); false when the note was stale or already applied. */
  applied: boolean;
  importedAt: string;
}

export interface ReturnImportOutcome {
  fileName: string;
  sha256: string;
  outcome: 'reopened' | 'already-imported' | 'refused';
  /** In English (the CLI); a refused note's reason as data is `refusal`. */
  message: string;
  refusal?: Refusal;
  note: ReturnNoteInfo | null;
}

export interface HrImportOutcome {
  fileName: string;
  sha256: string;
  outcome: 'imported' | 'replaced' | 'already-imported' | 'refused';
  /** In English (the CLI); a refused file's reason as data is `refusal`. */
  message: string;
  refusal?: Refusal;
  employeeNo: string | null;
  period: string | null;
  personId: number | null;
  /** Where the original signed file is kept (the received folder of the data folder). */
  path: string | null;
  /** The sheet's version the file carries (2, 3… for an amendment), when imported. */
  version?: number;
  /** What became of the figures (KPIs) the sheet carries, when imported (docs/data.md, "Figures from a signed sheet"). */
  figures?: SheetFiguresOutcome;
}
