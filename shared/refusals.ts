/**
 * A service's refusal as data: a code and the values it names. Every `conflict` and `not-found`
 * failure that a person can meet carries one, beside its English message (the CLI and the logs
 * print the message; the renderer words the refusal in the UI's language, renderer/i18n
 * `failure.refusals`). The verifier's reasons are data the same way (`VerifyReason`, worded by
 * `approvals.reasons`). Later changes add codes, never sentences.
 */
import type { ChainRole } from './chain.ts';
import type { RoleId } from './rubric/schema.ts';
import type { RowStatus, SheetStatus } from './sheet-status.ts';

/** What a `not-found` refusal looked for (`id` says which: a person's or region's id, a file's SHA-256, a rubric's id@version…). */
export type Missing = 'person' | 'region' | 'job' | 'backup' | 'rubric' | 'identity' | 'trusted-signer' | 'file' | 'exported-file';

/** Who and which month a sheet's refusal is about. */
interface SheetOf {
  name: string;
  employeeNo: string;
  period: string;
}

export type Refusal =
  /** sheets.save on a sheet that is signed or approved: it changes only by an amendment. */
  | { code: 'sheet-not-editable'; name: string; period: string; status: SheetStatus }
  /** The sheet was saved elsewhere since the caller read it. */
  | { code: 'sheet-changed'; name: string; period: string; stored: number; edited: number }
  /** sheets.saveMany: some sheets changed elsewhere or are signed (`names`: the first few; `count`: all). */
  | { code: 'sheets-changed'; period: string; count: number; names: string[] }
  /** A person's salary and KPIs were saved elsewhere since the caller read them. */
  | { code: 'figures-changed'; name: string; period: string; stored: number; edited: number }
  /** figures.resolveConflict on a conflict no longer open (settled elsewhere, or HR's value is the sheet's now). */
  | { code: 'figure-conflict-settled'; name: string; period: string; kpi: string }
  | { code: 'not-found'; what: Missing; id: string }
  /** An in-memory database (tests, a scratch run) has no backups and no data folder for files. */
  | { code: 'in-memory'; need: 'backups' | 'files' }
  | { code: 'restore-running' }
  // Storage and backups (failures of kind 'storage'; electron/handlers.ts storageFailure, electron/db/backups.ts, restore.ts)
  /** Another program holds the database's write lock (`seconds`: how long the app waited for it; null: a lock it could not wait for). */
  | { code: 'database-busy'; seconds: number | null }
  | { code: 'disk-full' }
  /** SQLite could not read or write the database file (`sqlite`: its error code, e.g. SQLITE_IOERR_WRITE). */
  | { code: 'database-io'; sqlite: string }
  /** The database file is damaged: SQLite says so, or its integrity check fails before a backup. */
  | { code: 'database-damaged' }
  /** The database file or its folder cannot be written. */
  | { code: 'database-read-only' }
  /** A backup that cannot be restored: not a database, cut short, damaged, or another application's file. */
  | { code: 'backup-unusable'; name: string; problem: 'not-database' | 'truncated' | 'damaged' | 'other-app' }
  /** A backup written by a newer version of the app (`schema`; this app knows up to `latest`). */
  | { code: 'backup-newer'; name: string; schema: number; latest: number }
  /** Copying the backup in failed; the database was not changed. */
  | { code: 'restore-failed'; name: string }
  | { code: 'demo-needs-empty' }
  // Rubrics
  /** No rubric of the role is in force in the month. */
  | { code: 'no-rubric'; role: RoleId; period: string }
  /** A rubric edited from an older version: `latest` is the newest stored one. */
  | { code: 'rubric-version-taken'; rubric: string; version: number; latest: number }
  /** The same id@version with another content. */
  | { code: 'rubric-version-differs'; rubric: string; version: number }
  /** A rubric stored here only because a sheet carried it (before sheets stopped storing rubrics): not HQ's, not exported. */
  | { code: 'rubric-not-published'; rubric: string; version: number }
  /** A rubric file is signed by sales planning; the identity chosen signs for another step. */
  | { code: 'rubric-signer-not-planning'; name: string; role: ChainRole }
  /** An unsigned rubric JSON file (as exported before rubric files were signed): refused, HQ hands out a signed one. */
  | { code: 'rubric-file-unsigned'; fileName: string }
  // Export and sign
  /** The sheet's status does not allow an export: not started, a draft or returned (mark it ready), approved (final). */
  | ({ code: 'not-exportable'; status: 'not-started' | 'draft' | 'returned' | 'approved' } & SheetOf)
  /** The sheet's first step is another one than the signer's. */
  | ({ code: 'export-other-step'; first: ChainRole; role: ChainRole } & SheetOf)
  /** A later step already signed an export of the sheet: it must be returned before a new export. */
  | ({ code: 'countersigned' } & SheetOf)
  /** A regional manager exports and signs only their own region (`own`: its code; `region`: the one asked for, or the sheet's). */
  | { code: 'export-other-region'; region: string | null; own: string; name: string | null }
  /** A manager's identity that is not a regional manager in this database's roster (no employee number, or not one of the roster's regional managers). */
  | { code: 'signer-not-regional-manager'; name: string; employeeNo: string | null }
  | { code: 'changed-during-export'; name: string; period: string }
  | { code: 'exported-file-moved'; fileName: string; path: string }
  // Signing identities and trusted signers
  | { code: 'identity-exists'; name: string; fingerprint: string }
  | { code: 'key-file-missing'; name: string; path: string }
  | { code: 'key-file-mismatch'; name: string; file: string }
  | { code: 'trusted-as-other-role'; name: string; fingerprint: string; role: ChainRole; wanted: ChainRole }
  // The inbox
  | { code: 'file-handled'; fileName: string; state: 'approved' | 'returned' | 'imported' }
  | { code: 'kept-file-changed'; fileName: string; path: string }
  /** The verifier refuses the file (`failure`: its check and reason). */
  | { code: 'file-not-verified'; fileName: string; failure: VerifyFailure }
  | { code: 'chain-complete'; fileName: string }
  /** The identity chosen signs for another step than the file's next one. */
  | { code: 'not-next-step'; fileName: string; next: ChainRole; name: string; role: ChainRole }
  /** This computer's clock (`now`) is behind the file's latest signature (`previous`): signing now would date the new signature before it. */
  | { code: 'signer-clock-behind'; fileName: string; previous: string; now: string }
  /** signPdf found this computer's clock (`now`) behind the file's latest signature (`previous`) after the service's own check passed (the clock went back meanwhile, or a race). */
  | { code: 'clock-behind'; previous: string; now: string }
  /** Signing failed for another reason (the detail is in the English message and the log). */
  | { code: 'sign-failed' }
  /** The identity's holder already signed the file (as `step`) with another identity: one person signs one step. */
  | { code: 'same-person-signed'; fileName: string; name: string; step: ChainRole | null }
  // HR's import of approved sheets
  | { code: 'not-fully-approved'; signed: (ChainRole | null)[]; next: ChainRole | null }
  | { code: 'file-identifier'; what: 'employee-no' | 'region-code'; value: string }
  /** HR's roster has no person with the sheet's employee number. */
  | { code: 'not-in-roster'; employeeNo: string; name: string }
  /** The sheet's person differs from HR's roster (today's name, region code and role): each difference named. */
  | { code: 'roster-differs'; employeeNo: string; name: string; differences: RosterDifferences }
  /** The sheet's month is after the current month. */
  | { code: 'month-in-future'; period: string; current: string }
  /** The person is not assessed in the sheet's month (outside their active months, or a role without a sheet). */
  | { code: 'not-assessed'; employeeNo: string; name: string; period: string; activeFrom: string; activeTo: string | null }
  /** HR imported another file for this person and month (`fileName`, `file`: its SHA-256's start, at `importedAt`); a replacement comes as a declared amendment. */
  | { code: 'sheet-already-imported'; name: string; period: string; fileName: string; file: string; importedAt: string }
  // Amendments (shared/amendment.ts)
  /** Only the sheet's first step (`first`) authors an amendment; this app's user signs for `role`. Also the verifier's reason for an amendment first signed by a later step. */
  | { code: 'amendment-not-by-first-step'; name: string; period: string; first: ChainRole; role: ChainRole | null }
  /** sheets.amend on a sheet that is not signed or approved: a draft, ready or returned sheet is changed with sheets.save. */
  | { code: 'not-amendable'; name: string; period: string; status: RowStatus }
  /** An amendment must change something. */
  | { code: 'amendment-unchanged'; name: string; period: string }
  /** HR holds another version of the sheet than the one the amendment amends (`version`, `file`: its SHA-256's start; `held`: HR's current version and its file's start). */
  | { code: 'amends-unknown-version'; name: string; period: string; version: number; file: string; held: { version: number; file: string } | null }
  /** The amendment's declared changes are not those between the version HR holds and the amendment. */
  | { code: 'amendment-changes-differ'; name: string; period: string; version: number }
  /** A newer version of the sheet (`byFileName`, version `version`) came into the inbox: this one can no longer be approved. */
  | { code: 'superseded'; fileName: string; byFileName: string; version: number }
  /** No passphrase was given and the identity is not unlocked for the session (or it locked again after `idleMinutes` idle). */
  | { code: 'identity-locked'; name: string; idleMinutes: number }
  /** inbox.remove: only a refused entry (one that does not verify) or a region summary can be removed from the inbox. */
  | { code: 'entry-not-refused'; fileName: string }
  /** A bulk job's files asked for before it has finished. */
  | { code: 'job-running'; done: number; total: number }
  /** A file a bulk job wrote is missing from where it was kept, or has changed there since. */
  | { code: 'job-file-changed'; fileName: string; path: string }
  /** Saving into a chosen folder asked of browser mode, which has no folder dialog (the zip is its way). */
  | { code: 'no-folder-chooser' }
  /** The chosen folder could not take a file: `saved` of `total` were written (each whole) before it. */
  | { code: 'folder-not-writable'; folder: string; saved: number; total: number; problem: 'no-permission' | 'disk-full' | 'other' }
  /** A bulk approval or return chose no pending entry at the identity's step. */
  | { code: 'nothing-pending'; role: ChainRole }
  // The manager's import of return notes
  | ({ code: 'return-no-sheet' } & SheetOf)
  | { code: 'return-not-signed'; status: SheetStatus }
  | { code: 'return-stale' }
  | { code: 'return-foreign' };

export type RefusalCode = Refusal['code'];

/** The fields of a sheet's person that HR's roster has otherwise, each with both values (`region`: its code; null when there is none). */
export interface RosterDifferences {
  name?: { sheet: string; roster: string };
  region?: { sheet: string | null; roster: string | null };
  role?: { sheet: RoleId; roster: RoleId };
}

// ---------------------------------------------------------------------------------------------
// The verifier (electron/signing/verify.ts)

/** The verifier's checks, in the order they run. */
export const VERIFY_CHECKS = [
  'pdf-format',
  'pdf-structure',
  'signature-present',
  'byte-range',
  'cms',
  'coverage',
  'revisions',
  'trust',
  'signer-duplicate',
  'signer-order',
  'embedded-data',
  'data-check',
  'time',
] as const;
export type VerifyCheck = (typeof VERIFY_CHECKS)[number];

/**
 * Why a check failed, with what a person needs to act (`signature`: its number, from 1).
 * Technical detail (a parser's complaint) stays in the English message.
 */
export type VerifyReason =
  // pdf-format
  | { code: 'too-large'; bytes: number; max: number }
  | { code: 'not-pdf' }
  | { code: 'truncated' }
  // pdf-structure
  | { code: 'malformed' }
  | { code: 'encrypted' }
  // signature-present
  | { code: 'unsigned' }
  // byte-range, cms: the signed bytes or the signature are damaged or were changed
  | { code: 'byte-range'; signature: number | null }
  | { code: 'signature-invalid'; signature: number }
  /** /Contents holds more than the signature and zeros (spaces, say): the same sheet under another SHA-256. */
  | { code: 'contents-padding'; signature: number }
  // coverage, revisions
  | { code: 'unsigned-bytes'; added: number }
  | { code: 'later-changes' }
  // trust
  /** Add this certificate to the trusted signers (Signatures) to accept the file. */
  | { code: 'untrusted'; signature: number; name: string; fingerprint: string; role: ChainRole | null }
  | { code: 'role-mismatch'; signature: number; name: string; fingerprint: string; certificateRole: ChainRole; trustedRole: ChainRole }
  | { code: 'no-signing-time'; signature: number; name: string }
  /** Signed outside the certificate's validity (times as ISO strings). */
  | { code: 'certificate-not-valid'; signature: number; name: string; fingerprint: string; signedAt: string; notBefore: string; notAfter: string }
  // signer-duplicate, signer-order
  | { code: 'signed-twice'; name: string; first: number; second: number }
  /** Two identities of one person sign two steps (same employee number; without numbers, same name and e-mail). */
  | { code: 'same-person'; name: string; first: number; second: number; employeeNo: string | null }
  /** The manager step's signer is not a regional manager of the sheet's region in this database's roster (`employeeNo`: the certificate's). */
  | { code: 'manager-not-of-region'; signature: number; name: string; employeeNo: string | null; region: string }
  | { code: 'too-many-signatures'; signatures: number; steps: number }
  | { code: 'wrong-order'; signature: number; name: string; role: ChainRole | null; step: ChainRole; chain: ChainRole[] }
  /** A regional manager's own sheet is first signed by sales planning. */
  | { code: 'own-sheet-order'; name: string; role: ChainRole | null; chain: ChainRole[] }
  /** An amendment first signed by `role` (`name`): only the sheet's first step (`first`) authors an amendment. */
  | { code: 'amendment-not-by-first-step'; name: string; role: ChainRole | null; first: ChainRole }
  /** A return note carries one signature, by the reviewer who returns the sheet. */
  | { code: 'return-note-signers' }
  // embedded-data, data-check
  | { code: 'no-embedded-data'; file: string }
  /** The embedded JSON names a key twice in one object (`key`: its path): programs would read different values. */
  | { code: 'duplicate-key'; file: string; key: string }
  /** A return note dropped where score sheets go. */
  | { code: 'return-note-not-sheet' }
  | { code: 'not-score-sheet' }
  /** A score sheet (or another file) dropped where return notes go. */
  | { code: 'not-return-note' }
  /** The embedded data does not hold together (numbers, rubric, person): altered, or made by another program. */
  | { code: 'data-inconsistent' }
  | RubricTrustReason
  /** A file dropped where a rubric file goes that is not one (a score sheet, a return note, data that does not hold together). */
  | { code: 'not-rubric-file' }
  | { code: 'note-signer'; named: string; namedRole: ChainRole; signer: string; signerRole: ChainRole | null }
  // time (electron/signing/timing.ts; times as ISO strings)
  /** The sheet's exportedAt is not an ISO 8601 time (`value`: its first characters). */
  | { code: 'exported-at-invalid'; value: string }
  /** The sheet's month is after the month it was exported in. */
  | { code: 'period-after-export'; period: string; exportedAt: string }
  /** The first signature claims a time before the export. */
  | { code: 'signed-before-export'; signature: number; name: string; signedAt: string; exportedAt: string }
  /** A signature claims a time before the signature before it (by `previousName` at `previous`). */
  | { code: 'signed-before-previous'; signature: number; name: string; signedAt: string; previous: string; previousName: string }
  /** A signature claims a time more than 5 minutes after this app received it (now, for a file never seen). */
  | { code: 'signed-in-future'; signature: number; name: string; signedAt: string; receivedAt: string }
  /** The certificate had expired when this app first received the signature: its claimed signing time cannot be checked. */
  | { code: 'certificate-expired-when-received'; signature: number; name: string; fingerprint: string; receivedAt: string; notAfter: string }
  /** The verifier met something it did not expect (it fails closed). */
  | { code: 'unexpected' };

export type VerifyReasonCode = VerifyReason['code'];

/**
 * A sheet's rubric that the receiver does not know (docs/trust.md, "Rubrics"): rubrics come from
 * HQ (a built-in, or a version published by sales planning), never from a sheet.
 */
export type RubricTrustReason =
  /** No built-in or published version `id@version` here. */
  | { code: 'unknown-rubric'; id: string; version: number; hash: string }
  /** `id@version` is known here with another content (`known`: its hash here; `hash`: the file's). */
  | { code: 'rubric-hash-mismatch'; id: string; version: number; hash: string; known: string }
  /** A built-in version a revision replaced, on a sheet of a month from `from` on (SUPERSEDED_FROM). */
  | { code: 'rubric-superseded'; id: string; version: number; period: string; from: string };

/** The first failed check of a verdict: its id, its English message (CLI, logs) and its reason as data. */
export interface VerifyFailure {
  check: VerifyCheck;
  message: string;
  /** Absent in verdicts stored before reasons existed. */
  reason?: VerifyReason;
}

// ---------------------------------------------------------------------------------------------
// The import readers (electron/import/sheet-file.ts, decode.ts)

/**
 * Why an import reader refuses a file as a whole (not a row of it): the imports carry it as the
 * `file` problem's rule (ProblemRule `file`), worded in the UI's language (i18n/refusals.ts
 * fileReasonEn/Zh). Sizes in bytes; technical detail (a parser's complaint) stays in the English.
 */
export type FileReason =
  // The file's name and size, and its rows
  /** An old binary Excel workbook by its extension (.xls). */
  | { code: 'file-xls'; fileName: string }
  /** Another program's spreadsheet (.et, .ods, .numbers). */
  | { code: 'file-other-spreadsheet'; fileName: string; ext: string }
  /** An extension other than .csv, .txt, .tsv or .xlsx (`ext` null: none). */
  | { code: 'file-extension'; fileName: string; ext: string | null }
  | { code: 'file-empty'; fileName: string }
  | { code: 'file-too-big'; fileName: string; bytes: number; max: number }
  /** More than `max` people (rows under the header). */
  | { code: 'file-too-many-rows'; fileName: string; max: number }
  /** Only blank rows: no header, no people. */
  | { code: 'file-no-rows'; fileName: string }
  /** The upload's bytes are not base64 (a caller of the API, not a person). */
  | { code: 'file-not-base64' }
  // A CSV file
  /** A zip archive named .csv: probably an .xlsx workbook. */
  | { code: 'csv-is-xlsx'; fileName: string }
  /** An old binary Excel workbook or another Office file named .csv. */
  | { code: 'csv-is-office'; fileName: string }
  /** A quoted field starting on `line` never ends. */
  | { code: 'csv-syntax'; fileName: string; line: number }
  /** UTF-16 without its byte-order mark. */
  | { code: 'text-utf16-no-bom' }
  /** NUL characters: binary, or an encoding this app does not read. */
  | { code: 'text-nul' }
  /** The bytes are not the encoding tried: UTF-8 after a UTF-8 BOM, UTF-8 or GB18030, UTF-16 with an odd number of bytes. */
  | { code: 'text-encoding'; tried: 'utf-8-bom' | 'utf-8-gb18030' | 'utf-16-odd' }
  // An .xlsx workbook
  /** An old binary Excel workbook, or a password-protected one, named .xlsx. */
  | { code: 'xlsx-is-office'; fileName: string }
  /** Not a zip archive: not an .xlsx workbook. */
  | { code: 'xlsx-not-zip'; fileName: string }
  /** A zip archive without xl/workbook.xml. */
  | { code: 'xlsx-no-workbook'; fileName: string }
  | { code: 'xlsx-no-sheet'; fileName: string }
  /** The workbook could not be read (the reader's complaint is in the English message). */
  | { code: 'xlsx-unreadable'; fileName: string }
  /** Reading took longer than `ms` milliseconds. */
  | { code: 'xlsx-timeout'; fileName: string; ms: number }
  /** Reading needed more than `mb` MB of memory: a possible zip bomb. */
  | { code: 'xlsx-memory'; fileName: string; mb: number }
  // The zip archive of an .xlsx
  | { code: 'zip-damaged'; fileName: string }
  | { code: 'zip-encrypted'; fileName: string }
  /** More than `max` parts: a possible zip bomb. */
  | { code: 'zip-too-many-parts'; fileName: string; count: number; max: number }
  /** Unpacks to `total` bytes, more than `max`, from a file of `bytes`: a possible zip bomb. */
  | { code: 'zip-too-big-unpacked'; fileName: string; total: number; max: number; bytes: number }
  /** A part packed `ratio`:1, more tightly than `max`:1: a possible zip bomb. */
  | { code: 'zip-ratio'; fileName: string; part: string; ratio: number; max: number }
  /** A part unpacks to more than the `claimed` bytes its directory says: a possible zip bomb. */
  | { code: 'zip-understated'; fileName: string; part: string; claimed: number }
  /** A part packed with a method Excel does not use. */
  | { code: 'zip-method'; fileName: string; part: string; method: number }
  | { code: 'zip-part-broken'; fileName: string; part: string }
  // A rubric file (rubrics.import)
  | { code: 'rubric-file-too-big'; fileName: string; bytes: number; max: number }
  /** Not a PDF (nor the unsigned JSON of before: refusal rubric-file-unsigned). */
  | { code: 'rubric-file-not-pdf'; fileName: string };

export type FileReasonCode = FileReason['code'];
