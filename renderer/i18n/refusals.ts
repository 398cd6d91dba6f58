/**
 * A service's refusals (shared/refusals.ts `Refusal`) and the verifier's reasons (`VerifyReason`)
 * in both languages: each code with its values. The domain's words (statuses, roles, steps of the
 * chain) are shared/labels.ts's; times are shown in the UI's locale.
 */
import { DOMAIN_LABELS } from '../../shared/labels.ts';
import { KPI_BY_ID } from '../../shared/kpi.ts';
import type { ChainRole } from '../../shared/chain.ts';
import type { FileReason, Missing, Refusal, VerifyCheck, VerifyFailure, VerifyReason } from '../../shared/refusals.ts';

type R<C extends Refusal['code']> = Extract<Refusal, { code: C }>;
type V<C extends VerifyReason['code']> = Extract<VerifyReason, { code: C }>;

const EN = DOMAIN_LABELS.en;
const ZH = DOMAIN_LABELS.zh;

/** A time in the UI's locale (as app/format.ts dateTime, which this file does not import: the dictionaries load without React). */
function dateTime(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A size in MB, rounded up to 0.1 (a file just over a limit must not read as the limit). */
const mb = (bytes: number): string => `${Math.ceil(bytes / 104_857.6) / 10} MB`;

const stepEn = (role: ChainRole | null): string => (role ? EN.chainRoles[role] : 'an unknown step');
const stepZh = (role: ChainRole | null): string => (role ? ZH.chainRoles[role] : '未知环节');
const orderEn = (chain: readonly ChainRole[]): string => chain.map((r) => EN.chainRoles[r]).join(' → ');
const orderZh = (chain: readonly ChainRole[]): string => chain.map((r) => ZH.chainRoles[r]).join(' → ');

/** A field of HR's roster named in a difference, and its value (a role by its label; null: none). */
const rosterFieldsEn = { name: 'name', region: 'region', role: 'role' } as const;
type RosterField = keyof typeof rosterFieldsEn;
const rosterDifferences = (d: R<'roster-differs'>['differences']) =>
  (['name', 'region', 'role'] as const).flatMap((field): [RosterField, { sheet: string | null; roster: string | null }][] => {
    const values = d[field];
    return values ? [[field, values]] : [];
  });
const rosterFieldsZh = { name: '姓名', region: '区域', role: '岗位' } as const;
const isRole = (v: string): v is keyof typeof EN.roles => Object.prototype.hasOwnProperty.call(EN.roles, v);
const rosterValueEn = (field: RosterField, v: string | null): string =>
  v === null ? '(none)' : field === 'role' && isRole(v) ? EN.roles[v] : `“${v}”`;
const rosterValueZh = (field: RosterField, v: string | null): string =>
  v === null ? '(无)' : field === 'role' && isRole(v) ? ZH.roles[v] : `“${v}”`;

// ---------------------------------------------------------------------------------------------
// English

/** The check's name when a stored verdict has no reason (it was kept before reasons existed). */
export const checksEn = {
  'pdf-format': 'Not a PDF',
  'pdf-structure': 'Damaged PDF',
  'signature-present': 'Not signed',
  'byte-range': 'Signature range wrong',
  cms: 'Signature invalid',
  coverage: 'Changed after signing',
  revisions: 'Changed after signing',
  trust: 'Signer not trusted',
  'signer-duplicate': 'Signed twice by one person',
  'signer-order': 'Chain out of order',
  'embedded-data': 'Sheet data missing',
  'data-check': 'Scores do not recompute',
  time: 'Times do not add up',
} satisfies Record<VerifyCheck, string>;

export const reasonsEn = {
  'too-large': (r: V<'too-large'>) => `The file has ${mb(r.bytes)}; a signed score sheet has at most ${mb(r.max)}.`,
  'not-pdf': () => 'This is not a PDF file.',
  truncated: () => 'The file is cut short (it does not end as a PDF does): it was not copied whole, or it is damaged.',
  malformed: () => 'The PDF is damaged: its structure cannot be read.',
  encrypted: () => 'The PDF is encrypted: signed score sheets are never encrypted, and an encrypted file cannot be checked.',
  unsigned: () => 'The file carries no signature.',
  'byte-range': (r: V<'byte-range'>) => `${r.signature === null ? 'A signature' : `Signature ${r.signature}`} does not cover the bytes it should: the file was changed or damaged.`,
  'signature-invalid': (r: V<'signature-invalid'>) => `Signature ${r.signature} does not verify: the signed content was changed, or the signature is damaged.`,
  'contents-padding': (r: V<'contents-padding'>) =>
    `The space of signature ${r.signature} holds more than the signature and zeros: the file was changed after it was signed (the same sheet as another, different file).`,
  'unsigned-bytes': (r: V<'unsigned-bytes'>) => `${r.added} bytes were added after the last signature without a signature: the file was changed after it was signed.`,
  'later-changes': () => 'A later revision of the file changes more than adding a signature: the file was changed after it was signed.',
  untrusted: (r: V<'untrusted'>) =>
    `Signature ${r.signature} is by ${r.name}${r.role ? ` (${EN.chainRoles[r.role]})` : ''}, whose certificate this app does not trust. ` +
    `To accept it, add that certificate under Signatures → Trusted signers: its fingerprint is ${r.fingerprint}.`,
  'role-mismatch': (r: V<'role-mismatch'>) =>
    `Signature ${r.signature}: the certificate of ${r.name} (${r.fingerprint}) records the step ${EN.chainRoles[r.certificateRole]}, but this app trusts it as ${EN.chainRoles[r.trustedRole]}.`,
  'no-signing-time': (r: V<'no-signing-time'>) => `Signature ${r.signature} by ${r.name} has no signing time.`,
  'certificate-not-valid': (r: V<'certificate-not-valid'>) =>
    `Signature ${r.signature}: the certificate of ${r.name} (${r.fingerprint}) was not valid when it signed (${dateTime(r.signedAt, 'en')}): ` +
    (r.signedAt > r.notAfter ? `it expired on ${dateTime(r.notAfter, 'en')}.` : `it is valid only from ${dateTime(r.notBefore, 'en')}.`),
  'signed-twice': (r: V<'signed-twice'>) => `${r.name} signed twice (signatures ${r.first} and ${r.second}).`,
  'same-person': (r: V<'same-person'>) =>
    `Signatures ${r.first} and ${r.second} are by one person, ${r.name}${r.employeeNo ? ` (employee number ${r.employeeNo})` : ' (the same name and e-mail)'}, with two identities: one person signs one step.`,
  'manager-not-of-region': (r: V<'manager-not-of-region'>) =>
    `Signature ${r.signature} is by ${r.name}${r.employeeNo ? ` (employee number ${r.employeeNo})` : ' (no employee number in the certificate)'}, who is not a ${EN.roles['regional-manager'].toLowerCase()} of the region ${r.region} in this roster: the manager step is signed by the region’s manager.`,
  'too-many-signatures': (r: V<'too-many-signatures'>) => `The file has ${r.signatures} signatures, but its chain has only ${r.steps} steps.`,
  'wrong-order': (r: V<'wrong-order'>) =>
    `Signature ${r.signature} is by ${r.name} (${stepEn(r.role)}), but step ${r.signature} is ${EN.chainRoles[r.step]} (the order: ${orderEn(r.chain)}).`,
  'own-sheet-order': (r: V<'own-sheet-order'>) =>
    `A ${EN.roles['regional-manager'].toLowerCase()}’s own sheet is signed first by ${EN.chainRoles.planning}, but the first signature is by ${r.name} (${stepEn(r.role)}) (the order: ${orderEn(r.chain)}).`,
  'amendment-not-by-first-step': (r: V<'amendment-not-by-first-step'>) =>
    `The file is an amendment first signed by ${r.name} (${stepEn(r.role)}): only the sheet’s first step, ${EN.chainRoles[r.first]}, amends a signed sheet.`,
  'return-note-signers': () =>
    `A return note is signed once, by the reviewer who returns the sheet (${EN.chainRoles.planning}, ${EN.chainRoles.vp} or ${EN.chainRoles.hr}).`,
  'no-embedded-data': (r: V<'no-embedded-data'>) => `The file carries no readable ${r.file} in its first signed revision: it is not a score sheet made by this app.`,
  'duplicate-key': (r: V<'duplicate-key'>) =>
    `The data in the file (${r.file}) gives ${r.key} twice: other programs would read another value than this app, so the file is not accepted. It was not made by this app.`,
  'return-note-not-sheet': () => 'This file is a return note, not a score sheet: import it with the return notes.',
  'not-score-sheet': () => 'The file carries data, but not a score sheet of this app.',
  'not-return-note': () => 'This file is not a return note.',
  'data-inconsistent': () => 'The data in the file does not hold together (its scores, rubric or person do not match): it was changed, or made by another program.',
  'unknown-rubric': (r: V<'unknown-rubric'>) =>
    `The sheet was scored with the rubric ${r.id}@${r.version} (${r.hash}), which this app does not know: rubrics come from headquarters (a built-in one, or a version published by ${EN.chainRoles.planning} and imported here), never from a sheet.`,
  'rubric-hash-mismatch': (r: V<'rubric-hash-mismatch'>) =>
    `The sheet's rubric ${r.id}@${r.version} has the hash ${r.hash}, but ${r.id}@${r.version} here is ${r.known}: the sheet was scored with other rules under a known version.`,
  'rubric-superseded': (r: V<'rubric-superseded'>) =>
    `The sheet of ${r.period} is scored with ${r.id}@${r.version}, which the revised rules replaced for sheets from ${r.from} on: it must be scored with the current version.`,
  'not-rubric-file': () => `This file is not a rubric file published by ${EN.chainRoles.planning}.`,
  'note-signer': (r: V<'note-signer'>) => `The note names ${r.named} (${EN.chainRoles[r.namedRole]}) as the reviewer, but it is signed by ${r.signer} (${stepEn(r.signerRole)}).`,
  'exported-at-invalid': (r: V<'exported-at-invalid'>) => `The sheet’s export time “${r.value}” is not a date and time: the file was not made by this app.`,
  'period-after-export': (r: V<'period-after-export'>) => `The sheet is for ${r.period}, but it was exported on ${dateTime(r.exportedAt, 'en')}, before that month.`,
  'signed-before-export': (r: V<'signed-before-export'>) =>
    `Signature ${r.signature} by ${r.name} claims ${dateTime(r.signedAt, 'en')}, before the sheet was exported (${dateTime(r.exportedAt, 'en')}).`,
  'signed-before-previous': (r: V<'signed-before-previous'>) =>
    `Signature ${r.signature} by ${r.name} claims ${dateTime(r.signedAt, 'en')}, before the signature of ${r.previousName} it follows (${dateTime(r.previous, 'en')}).`,
  'signed-in-future': (r: V<'signed-in-future'>) =>
    `Signature ${r.signature} by ${r.name} claims ${dateTime(r.signedAt, 'en')}, later than this app received it (${dateTime(r.receivedAt, 'en')}; clocks may differ by 5 minutes at most).`,
  'certificate-expired-when-received': (r: V<'certificate-expired-when-received'>) =>
    `Signature ${r.signature}: the certificate of ${r.name} (${r.fingerprint}) expired on ${dateTime(r.notAfter, 'en')}, before this app received the signature (${dateTime(r.receivedAt, 'en')}). ` +
    'An expired certificate’s signing time cannot be checked, so the signature is not accepted.',
  unexpected: () => 'The file could not be checked (an unexpected error), so it is not accepted.',
} satisfies { [C in VerifyReason['code']]: (reason: V<C>) => string };

/** A verifier's failure in English: its reason, or (a verdict kept before reasons) the check's name. */
function verifyEn(f: VerifyFailure): string {
  return f.reason ? (reasonsEn[f.reason.code] as (r: VerifyReason) => string)(f.reason) : `${checksEn[f.check]}.`;
}

const missingEn: Record<Missing, (id: string) => string> = {
  person: (id) => `There is no person with the id ${id}.`,
  region: (id) => `There is no region with the id ${id}.`,
  job: (id) => `There is no job ${id} (jobs are kept until the app closes).`,
  backup: (id) => `There is no backup “${id}” of this database.`,
  rubric: (id) => `There is no rubric ${id}.`,
  identity: (id) => `There is no signing identity with the fingerprint ${id}.`,
  'trusted-signer': (id) => `There is no trusted signer with the fingerprint ${id}.`,
  file: (id) => `There is no file with the SHA-256 ${id} in this app.`,
  'exported-file': (id) => `This app has exported no file with the SHA-256 ${id}.`,
};

const fileStatesEn = { approved: 'approved', returned: 'returned', imported: 'imported' } as const;

export const refusalsEn = {
  'sheet-not-editable': (r: R<'sheet-not-editable'>) =>
    r.status === 'approved'
      ? `The sheet of ${r.name} for ${r.period} is approved (final): it is not changed in place. A change to it will be an amendment, with its reason.`
      : `The sheet of ${r.name} for ${r.period} is signed and on its way up the approval chain: it is not changed in place. Ask the reviewer who holds it to return it, or correct it later with an amendment.`,
  'sheet-changed': (r: R<'sheet-changed'>) => `The sheet of ${r.name} for ${r.period} was saved elsewhere since you opened it (revision ${r.stored}, you edited ${r.edited}). Reload it.`,
  'sheets-changed': (r: R<'sheets-changed'>) =>
    `${r.count === 1 ? 'A sheet' : `${r.count} sheets`} of ${r.period} ${r.count === 1 ? 'was' : 'were'} saved elsewhere since you opened ${r.count === 1 ? 'it, or is' : 'them, or are'} signed: ` +
    `${r.names.join(', ')}${r.count > r.names.length ? ` and ${r.count - r.names.length} more` : ''}. Reload, then save again.`,
  'figures-changed': (r: R<'figures-changed'>) =>
    `The salary and KPIs of ${r.name} for ${r.period} were saved elsewhere since you opened them (revision ${r.stored}, you edited ${r.edited}). Reload them.`,
  'figure-conflict-settled': (r: R<'figure-conflict-settled'>) =>
    `The difference on ${KPI_BY_ID.get(r.kpi)?.en ?? r.kpi} of ${r.name} for ${r.period} is settled already (elsewhere, or HR's value is the sheet's now). Reload.`,
  'not-found': (r: R<'not-found'>) => missingEn[r.what](r.id),
  'in-memory': (r: R<'in-memory'>): string =>
    r.need === 'backups' ? 'This database lives in memory only: it has no backups.' : 'This database lives in memory only: it has no data folder for signed files.',
  'restore-running': () => 'A restore is already running.',
  'database-busy': (r: R<'database-busy'>) =>
    `The database is in use by another program (the scorecard command line, or a backup being made)${r.seconds === null ? '' : `, which kept it locked for more than ${r.seconds} seconds`}: nothing was changed. Everything saved before is safe. Try again in a moment.`,
  'disk-full': () => 'The disk is full: nothing was saved. Everything saved before is safe. Free some space on the drive that holds the database, then try again.',
  'database-io': (r: R<'database-io'>) =>
    `The database file could not be read or written (${r.sqlite}): nothing was saved; everything saved before is safe. Check the drive (free space, a removed disk, permissions), then try again.`,
  'database-damaged': () => 'The database file is damaged: nothing was saved. Restore a backup (Settings → Backups).',
  'database-read-only': () => 'The database file cannot be written (a read-only file or folder): nothing was saved. Check its permissions, then try again.',
  'backup-unusable': (r: R<'backup-unusable'>) =>
    `The backup ${r.name} ${{ 'not-database': 'is not a database of this app', truncated: 'is cut short (part of it is missing)', damaged: 'is damaged', 'other-app': 'is another application’s database' }[r.problem]}: nothing was changed. Choose another backup.`,
  'backup-newer': (r: R<'backup-newer'>) => `The backup ${r.name} was written by a newer version of this app (schema ${r.schema}; this one knows up to ${r.latest}): nothing was changed. Update the app to restore it.`,
  'restore-failed': (r: R<'restore-failed'>) => `The restore of ${r.name} failed: the database was not changed. Try again, or choose another backup.`,
  'demo-needs-empty': () => 'The database already has people: the demo organisation loads only into an empty database.',
  'no-rubric': (r: R<'no-rubric'>) => `No rubric for the role ${EN.roles[r.role]} is in force in ${r.period}.`,
  'rubric-version-taken': (r: R<'rubric-version-taken'>) =>
    `Version ${r.version} of the rubric ${r.rubric} already exists (the latest version is ${r.latest}): reload the rubric and edit the latest version.`,
  'rubric-version-differs': (r: R<'rubric-version-differs'>) =>
    `Version ${r.version} of the rubric ${r.rubric} is already here with another content: a changed rubric needs a new version.`,
  'rubric-not-published': (r: R<'rubric-not-published'>) =>
    `Version ${r.version} of the rubric ${r.rubric} came here with a score sheet, not from headquarters: only a built-in version or one published by ${EN.chainRoles.planning} is exported.`,
  'rubric-signer-not-planning': (r: R<'rubric-signer-not-planning'>) =>
    `A rubric file is signed by ${EN.chainRoles.planning}; the identity ${r.name} signs for ${EN.chainRoles[r.role]}.`,
  'rubric-file-unsigned': (r: R<'rubric-file-unsigned'>) =>
    `${r.fileName} is an unsigned rubric file: a rubric is accepted only as a PDF file signed by ${EN.chainRoles.planning}. Ask headquarters for the published rubric file.`,
  'not-exportable': (r: R<'not-exportable'>) => {
    const sheet = `The sheet of ${r.name} (${r.employeeNo}) for ${r.period}`;
    if (r.status === 'not-started') return `${sheet} has not been started.`;
    if (r.status === 'approved') return `${sheet} is approved (final): it is not exported again.`;
    return `${sheet} is ${EN.statuses[r.status].toLowerCase()}: mark it ${EN.statuses.ready.toLowerCase()} first.`;
  },
  'export-other-step': (r: R<'export-other-step'>) =>
    `The sheet of ${r.name} (${r.employeeNo}) for ${r.period} is signed first by ${EN.chainRoles[r.first]}, not by ${EN.chainRoles[r.role]}.`,
  countersigned: (r: R<'countersigned'>) =>
    `The sheet of ${r.name} (${r.employeeNo}) for ${r.period} has been countersigned already: ask the reviewer to return it before exporting it again.`,
  'export-other-region': (r: R<'export-other-region'>) =>
    `${r.name ? `The sheet of ${r.name} is of ${r.region === null ? 'no region' : `the region ${r.region}`}` : `The region ${r.region ?? '(all regions)'} is not yours`}: a ${EN.roles['regional-manager'].toLowerCase()} exports and signs only their own region, ${r.own}.`,
  'signer-not-regional-manager': (r: R<'signer-not-regional-manager'>) =>
    r.employeeNo
      ? `The signing identity ${r.name} carries the employee number ${r.employeeNo}, who is not a ${EN.roles['regional-manager'].toLowerCase()} in this roster: it cannot export for a region.`
      : `The signing identity ${r.name} carries no employee number: a ${EN.roles['regional-manager'].toLowerCase()}’s identity needs one (create a new identity with your employee number).`,
  'changed-during-export': (r: R<'changed-during-export'>) => `The sheet of ${r.name} for ${r.period} changed while it was being exported: export it again.`,
  'exported-file-moved': (r: R<'exported-file-moved'>) =>
    `The exported file ${r.fileName} is no longer at ${r.path} as it was exported (it was exported again since, or moved).`,
  'identity-exists': (r: R<'identity-exists'>) => `The signing identity ${r.name} (${r.fingerprint}) is already in this app.`,
  'key-file-missing': (r: R<'key-file-missing'>) => `The key file of ${r.name} is missing (${r.path}).`,
  'key-file-mismatch': (r: R<'key-file-mismatch'>) => `The key file ${r.file} holds another certificate than the signing identity ${r.name}.`,
  'trusted-as-other-role': (r: R<'trusted-as-other-role'>) =>
    `${r.name} (${r.fingerprint}) is already trusted as ${EN.chainRoles[r.role]}: remove it first to trust it as ${EN.chainRoles[r.wanted]}.`,
  'file-handled': (r: R<'file-handled'>) => `${r.fileName} was already ${fileStatesEn[r.state]}.`,
  'kept-file-changed': (r: R<'kept-file-changed'>) => `The kept copy of ${r.fileName} (${r.path}) has changed on disk: add the file again.`,
  'file-not-verified': (r: R<'file-not-verified'>) => `${r.fileName} does not verify: ${verifyEn(r.failure)}`,
  'chain-complete': (r: R<'chain-complete'>) => `${r.fileName} is already signed by every step of its chain.`,
  'signer-clock-behind': (r: R<'signer-clock-behind'>) =>
    `This computer’s clock (${dateTime(r.now, 'en')}) is behind the latest signature of ${r.fileName} (${dateTime(r.previous, 'en')}): a signature now would be dated before it, and the file would be refused. Set the computer’s clock right, then sign.`,
  'clock-behind': (r: R<'clock-behind'>) =>
    `This computer’s clock (${dateTime(r.now, 'en')}) is behind the file’s latest signature (${dateTime(r.previous, 'en')}): nothing was signed. Set the computer’s clock right, then sign again.`,
  'sign-failed': () => 'The file could not be signed: nothing was signed. Try again; if it fails again, the log has the details.',
  'not-next-step': (r: R<'not-next-step'>) =>
    `The next step for ${r.fileName} is ${EN.chainRoles[r.next]}; the signing identity ${r.name} signs for ${EN.chainRoles[r.role]}.`,
  'same-person-signed': (r: R<'same-person-signed'>) =>
    `${r.name} already signed ${r.fileName}${r.step ? ` as ${EN.chainRoles[r.step]}` : ''} with another identity: one person signs one step.`,
  'not-fully-approved': (r: R<'not-fully-approved'>) =>
    `Not fully approved: signed by ${r.signed.length ? r.signed.map(stepEn).join(' → ') : 'no one'}${r.next ? `; the next step is ${EN.chainRoles[r.next]}` : ''}.`,
  'file-identifier': (r: R<'file-identifier'>) =>
    r.what === 'employee-no'
      ? `The file’s employee number “${r.value}” is not one this app accepts (letters, digits and "-", at most 20).`
      : `The file’s region code “${r.value}” is not one this app accepts (letters, digits and "-", at most 20).`,
  'not-in-roster': (r: R<'not-in-roster'>) => `HR’s roster has no employee number ${r.employeeNo} (the sheet names ${r.name}): add the person to the roster first.`,
  'roster-differs': (r: R<'roster-differs'>) =>
    `The sheet of ${r.name} (${r.employeeNo}) differs from HR’s roster: ${rosterDifferences(r.differences).map(([field, d]) => `${rosterFieldsEn[field]} ${rosterValueEn(field, d.sheet)} on the sheet, ${rosterValueEn(field, d.roster)} in the roster`).join('; ')}. The roster has no history: a person who changed region or role since is compared as they are today.`,
  'month-in-future': (r: R<'month-in-future'>) => `The sheet is for ${r.period}, after the current month ${r.current}.`,
  'not-assessed': (r: R<'not-assessed'>) =>
    `${r.name} (${r.employeeNo}) is not assessed in ${r.period}: in the roster from ${r.activeFrom} to ${r.activeTo ?? 'now'}, or in a role without a sheet.`,
  'sheet-already-imported': (r: R<'sheet-already-imported'>) =>
    `The approved sheet of ${r.name} for ${r.period} was imported already, from ${r.fileName} (file ${r.file}…) on ${dateTime(r.importedAt, 'en')}. ` +
    'Another file for the same sheet is not imported in its place: a correction comes as a declared amendment of that version.',
  'amendment-not-by-first-step': (r: R<'amendment-not-by-first-step'>) =>
    `Only ${EN.chainRoles[r.first]} (the first step of the chain) amends the sheet of ${r.name} for ${r.period}; this app’s user signs as ${stepEn(r.role)}.`,
  'not-amendable': (r: R<'not-amendable'>) =>
    `The sheet of ${r.name} for ${r.period} is ${EN.statuses[r.status].toLowerCase()}: only a signed or approved sheet is amended (change this one and save it).`,
  'amendment-unchanged': (r: R<'amendment-unchanged'>) => `The amendment of the sheet of ${r.name} for ${r.period} changes nothing.`,
  'amends-unknown-version': (r: R<'amends-unknown-version'>) =>
    `The file amends version ${r.version} of the sheet of ${r.name} for ${r.period} (file ${r.file}…), ` +
    (r.held ? `but HR holds version ${r.held.version} (file ${r.held.file}…)` : 'but HR has imported no version of it') +
    ': an amendment replaces exactly the version HR holds.',
  'amendment-changes-differ': (r: R<'amendment-changes-differ'>) =>
    `The amendment (version ${r.version}) of the sheet of ${r.name} for ${r.period} does not declare what changed from the version HR holds.`,
  superseded: (r: R<'superseded'>) => `${r.fileName} is superseded by ${r.byFileName} (version ${r.version} of the same sheet): approve that one instead.`,
  'identity-locked': (r: R<'identity-locked'>) => `${r.name} is locked (it locks after ${r.idleMinutes} minutes without use): type the passphrase, or unlock it for this session with the lock in the top bar.`,
  'entry-not-refused': (r: R<'entry-not-refused'>) => `${r.fileName} verifies: only a refused file can be removed from the inbox. Approve or return it.`,
  'job-running': (r: R<'job-running'>) => `The job is still running (${r.done} of ${r.total}): its files come when it has finished.`,
  'job-file-changed': (r: R<'job-file-changed'>) => `${r.fileName} is no longer at ${r.path} as the job wrote it (missing or changed): nothing was handed on. Approve or return that sheet again.`,
  'no-folder-chooser': () => 'The app in a browser cannot choose a folder: download the files as one zip.',
  'folder-not-writable': (r: R<'folder-not-writable'>) =>
    `The files cannot be saved in ${r.folder} (${{ 'no-permission': 'no permission to write there', 'disk-full': 'the disk is full', other: 'the folder refused the file' }[r.problem]}): ` +
    `${r.saved} of ${r.total} were saved before it. Every file is still kept by the app; choose another folder.`,
  'nothing-pending': (r: R<'nothing-pending'>) => `No received sheet is waiting for ${stepEn(r.role)}.`,
  'return-no-sheet': (r: R<'return-no-sheet'>) => `There is no sheet of ${r.name} (${r.employeeNo}) for ${r.period} in this database.`,
  'return-not-signed': (r: R<'return-not-signed'>) => `The sheet is ${EN.statuses[r.status].toLowerCase()}, not ${EN.statuses.signed.toLowerCase()}: there is nothing to reopen.`,
  'return-stale': () => 'The note returns an earlier export: the sheet was exported again since.',
  'return-foreign': () => 'The returned file was not exported from this database.',
} satisfies { [C in Refusal['code']]: (refusal: R<C>) => string };

// ---------------------------------------------------------------------------------------------
// 简体中文

export const checksZh: typeof checksEn = {
  'pdf-format': '不是 PDF 文件',
  'pdf-structure': 'PDF 文件已损坏',
  'signature-present': '未签名',
  'byte-range': '签名范围有误',
  cms: '签名无效',
  coverage: '签名后被修改',
  revisions: '签名后被修改',
  trust: '签名人不受信任',
  'signer-duplicate': '同一人重复签名',
  'signer-order': '签署顺序不符',
  'embedded-data': '缺少评分数据',
  'data-check': '分数复算不一致',
  time: '时间不合理',
};

export const reasonsZh: typeof reasonsEn = {
  'too-large': (r) => `文件大小为 ${mb(r.bytes)};签名评分表最大为 ${mb(r.max)}。`,
  'not-pdf': () => '这不是 PDF 文件。',
  truncated: () => '文件不完整(结尾缺失):可能没有完整复制,或已损坏。',
  malformed: () => 'PDF 文件已损坏:无法读取其结构。',
  encrypted: () => 'PDF 文件已加密:签名评分表从不加密,加密的文件无法验证。',
  unsigned: () => '文件没有任何签名。',
  'byte-range': (r) => `${r.signature === null ? '有一个签名' : `第 ${r.signature} 个签名`}的签署范围不正确:文件已被改动或损坏。`,
  'signature-invalid': (r) => `第 ${r.signature} 个签名验证失败:签署的内容已被改动,或签名已损坏。`,
  'contents-padding': (r) => `第 ${r.signature} 个签名的签名区中除签名和零之外还有其他内容:文件在签署后被改动过(同一张评分表成了另一份不同的文件)。`,
  'unsigned-bytes': (r) => `最后一个签名之后又添加了 ${r.added} 字节未经签署的内容:文件在签署后被改动过。`,
  'later-changes': () => '文件的后续修订不只是添加签名:文件在签署后被改动过。',
  untrusted: (r) =>
    `第 ${r.signature} 个签名来自 ${r.name}${r.role ? `(${ZH.chainRoles[r.role]})` : ''},本应用不信任其证书。` +
    `如要接受,请在“签名”→“受信任的签名人”中添加该证书,其指纹为 ${r.fingerprint}。`,
  'role-mismatch': (r) =>
    `第 ${r.signature} 个签名:${r.name} 的证书(${r.fingerprint})记录的环节是${ZH.chainRoles[r.certificateRole]},但本应用将其信任为${ZH.chainRoles[r.trustedRole]}。`,
  'no-signing-time': (r) => `第 ${r.signature} 个签名(${r.name})没有签署时间。`,
  'certificate-not-valid': (r) =>
    `第 ${r.signature} 个签名:${r.name} 的证书(${r.fingerprint})在签署时(${dateTime(r.signedAt, 'zh')})无效:` +
    (r.signedAt > r.notAfter ? `该证书已于 ${dateTime(r.notAfter, 'zh')} 过期。` : `该证书自 ${dateTime(r.notBefore, 'zh')} 起才生效。`),
  'signed-twice': (r) => `${r.name} 签署了两次(第 ${r.first} 个和第 ${r.second} 个签名)。`,
  'same-person': (r) =>
    `第 ${r.first} 个和第 ${r.second} 个签名是同一人 ${r.name}${r.employeeNo ? `(工号 ${r.employeeNo})` : '(姓名和电子邮箱相同)'}用两个身份签署的:一人只能签署一个环节。`,
  'manager-not-of-region': (r) =>
    `第 ${r.signature} 个签名来自 ${r.name}${r.employeeNo ? `(工号 ${r.employeeNo})` : '(证书中没有工号)'},在本花名册中不是区域 ${r.region} 的${ZH.roles['regional-manager']}:区域经理环节须由该区域的经理签署。`,
  'too-many-signatures': (r) => `文件有 ${r.signatures} 个签名,但其审批流程只有 ${r.steps} 个环节。`,
  'wrong-order': (r) => `第 ${r.signature} 个签名来自 ${r.name}(${stepZh(r.role)}),但第 ${r.signature} 个环节应为${ZH.chainRoles[r.step]}(顺序:${orderZh(r.chain)})。`,
  'own-sheet-order': (r) =>
    `${ZH.roles['regional-manager']}本人的评分表应由${ZH.chainRoles.planning}首先签署,但第一个签名来自 ${r.name}(${stepZh(r.role)})(顺序:${orderZh(r.chain)})。`,
  'amendment-not-by-first-step': (r) => `该文件是一份修订,但首先由 ${r.name}(${stepZh(r.role)})签署:只有评分表的第一个环节(${ZH.chainRoles[r.first]})才能修订已签署的评分表。`,
  'return-note-signers': () => `退回通知只由退回评分表的审核人(${ZH.chainRoles.planning}、${ZH.chainRoles.vp}或${ZH.chainRoles.hr})签署一次。`,
  'no-embedded-data': (r) => `文件的首个签署版本中没有可读取的 ${r.file}:它不是本应用生成的评分表。`,
  'duplicate-key': (r) => `文件中的数据(${r.file})两次给出 ${r.key}:其他程序读到的值可能与本应用不同,因此不予接受。该文件不是本应用生成的。`,
  'return-note-not-sheet': () => '此文件是退回通知,不是评分表:请在“退回通知”中导入。',
  'not-score-sheet': () => '文件中的数据不是本应用的评分表。',
  'not-return-note': () => '此文件不是退回通知。',
  'data-inconsistent': () => '文件中的数据前后不一致(分数、评分规则或人员不相符):文件已被改动,或由其他程序生成。',
  'unknown-rubric': (r) => `评分表使用的考核细则 ${r.id}@${r.version}(${r.hash})不是本应用已知的版本:考核细则只来自总部(内置版本,或由${ZH.chainRoles.planning}发布并已导入的版本),不接受评分表自带的细则。`,
  'rubric-hash-mismatch': (r) => `评分表的考核细则 ${r.id}@${r.version} 的哈希为 ${r.hash},而本应用中 ${r.id}@${r.version} 的哈希为 ${r.known}:评分表在已知版本号下使用了不同的规则。`,
  'rubric-superseded': (r) => `${r.period} 的评分表使用了考核细则 ${r.id}@${r.version},该版本自 ${r.from} 起已被修订版取代:请按现行版本评分。`,
  'not-rubric-file': () => `此文件不是${ZH.chainRoles.planning}发布的考核细则文件。`,
  'note-signer': (r) => `通知中写明的退回人是 ${r.named}(${ZH.chainRoles[r.namedRole]}),但签署人是 ${r.signer}(${stepZh(r.signerRole)})。`,
  'exported-at-invalid': (r) => `评分表的导出时间“${r.value}”不是有效的日期时间:该文件不是本应用生成的。`,
  'period-after-export': (r) => `评分表的月份是 ${r.period},但导出时间是 ${dateTime(r.exportedAt, 'zh')},早于该月份。`,
  'signed-before-export': (r) => `第 ${r.signature} 个签名(${r.name})的签署时间为 ${dateTime(r.signedAt, 'zh')},早于评分表的导出时间(${dateTime(r.exportedAt, 'zh')})。`,
  'signed-before-previous': (r) =>
    `第 ${r.signature} 个签名(${r.name})的签署时间为 ${dateTime(r.signedAt, 'zh')},早于其前一个签名(${r.previousName},${dateTime(r.previous, 'zh')})。`,
  'signed-in-future': (r) =>
    `第 ${r.signature} 个签名(${r.name})的签署时间为 ${dateTime(r.signedAt, 'zh')},晚于本应用收到该签名的时间(${dateTime(r.receivedAt, 'zh')};时钟误差最多允许 5 分钟)。`,
  'certificate-expired-when-received': (r) =>
    `第 ${r.signature} 个签名:${r.name} 的证书(${r.fingerprint})已于 ${dateTime(r.notAfter, 'zh')} 过期,早于本应用收到该签名的时间(${dateTime(r.receivedAt, 'zh')})。` +
    '过期证书所写的签署时间无法核实,因此不接受该签名。',
  unexpected: () => '无法验证该文件(发生意外错误),因此不予接受。',
};

function verifyZh(f: VerifyFailure): string {
  return f.reason ? (reasonsZh[f.reason.code] as (r: VerifyReason) => string)(f.reason) : `${checksZh[f.check]}。`;
}

const missingZh: Record<Missing, (id: string) => string> = {
  person: (id) => `找不到编号为 ${id} 的人员。`,
  region: (id) => `找不到编号为 ${id} 的区域。`,
  job: (id) => `找不到任务 ${id}(任务只保留到应用关闭)。`,
  backup: (id) => `此数据库没有名为“${id}”的备份。`,
  rubric: (id) => `找不到考核细则 ${id}。`,
  identity: (id) => `找不到指纹为 ${id} 的签名身份。`,
  'trusted-signer': (id) => `找不到指纹为 ${id} 的受信任签名人。`,
  file: (id) => `本应用中没有 SHA-256 为 ${id} 的文件。`,
  'exported-file': (id) => `本应用没有导出过 SHA-256 为 ${id} 的文件。`,
};

const fileStatesZh = { approved: '审批通过', returned: '退回', imported: '导入' } as const;

export const refusalsZh: typeof refusalsEn = {
  'sheet-not-editable': (r) =>
    r.status === 'approved'
      ? `${r.name} ${r.period} 的评分表已审批(定稿),不能直接修改。如需更改,将以修订的方式提交并注明原因。`
      : `${r.name} ${r.period} 的评分表已签署,正在审批中,不能直接修改。请让持有该表的审核人退回,或日后以修订的方式更正。`,
  'sheet-changed': (r) => `${r.name} ${r.period} 的评分表在您打开后已在别处保存(版本 ${r.stored},您编辑的是版本 ${r.edited})。请重新载入。`,
  'sheets-changed': (r) =>
    `${r.period} 有 ${r.count} 张评分表在您打开后已在别处保存,或已签署:${r.names.join('、')}${r.count > r.names.length ? ` 等 ${r.count} 人` : ''}。请重新载入后再保存。`,
  'figures-changed': (r) => `${r.name} ${r.period} 的工资和指标在您打开后已在别处保存(版本 ${r.stored},您编辑的是版本 ${r.edited})。请重新载入。`,
  'figure-conflict-settled': (r) => `${r.name} ${r.period} 的${KPI_BY_ID.get(r.kpi)?.zh ?? r.kpi}差异已处理(在别处处理,或人力资源部的数值已与考核表一致)。请重新载入。`,
  'not-found': (r) => missingZh[r.what](r.id),
  'in-memory': (r) => (r.need === 'backups' ? '此数据库只在内存中,没有备份。' : '此数据库只在内存中,没有存放签名文件的数据文件夹。'),
  'restore-running': () => '已有一个恢复操作正在进行。',
  'database-busy': (r) =>
    `数据库正被另一个程序使用(命令行工具,或正在进行的备份)${r.seconds === null ? '' : `,锁定已超过 ${r.seconds} 秒`}:未做任何更改。此前保存的内容均安全。请稍后再试。`,
  'disk-full': () => '磁盘已满:未能保存。此前保存的内容均安全。请在存放数据库的磁盘上腾出空间,然后重试。',
  'database-io': (r) => `无法读写数据库文件(${r.sqlite}):未能保存;此前保存的内容均安全。请检查磁盘(剩余空间、是否已移除、访问权限),然后重试。`,
  'database-damaged': () => '数据库文件已损坏:未能保存。请恢复一个备份(“设置”→“备份”)。',
  'database-read-only': () => '数据库文件无法写入(文件或文件夹为只读):未能保存。请检查其权限,然后重试。',
  'backup-unusable': (r) =>
    `备份 ${r.name} ${{ 'not-database': '不是本应用的数据库', truncated: '不完整(缺少一部分)', damaged: '已损坏', 'other-app': '是其他应用程序的数据库' }[r.problem]}:未做任何更改。请选择另一个备份。`,
  'backup-newer': (r) => `备份 ${r.name} 由更新版本的本应用写入(结构版本 ${r.schema};本应用最高支持 ${r.latest}):未做任何更改。请先更新本应用再恢复。`,
  'restore-failed': (r) => `恢复 ${r.name} 失败:数据库未做任何更改。请重试,或选择另一个备份。`,
  'demo-needs-empty': () => '数据库中已有人员:演示组织只能载入空数据库。',
  'no-rubric': (r) => `${r.period} 没有适用于${ZH.roles[r.role]}的考核细则。`,
  'rubric-version-taken': (r) => `考核细则 ${r.rubric} 的版本 ${r.version} 已存在(最新版本为 ${r.latest}):请重新载入,在最新版本上修改。`,
  'rubric-version-differs': (r) => `考核细则 ${r.rubric} 的版本 ${r.version} 已存在且内容不同:修改后的考核细则需要新的版本号。`,
  'rubric-not-published': (r) => `考核细则 ${r.rubric} 的版本 ${r.version} 是随评分表带入的,不是总部发布的:只能导出内置版本或${ZH.chainRoles.planning}发布的版本。`,
  'rubric-signer-not-planning': (r) => `考核细则文件由${ZH.chainRoles.planning}签署;所选身份 ${r.name} 签署的环节是${ZH.chainRoles[r.role]}。`,
  'rubric-file-unsigned': (r) => `${r.fileName} 是未签名的考核细则文件:考核细则只接受由${ZH.chainRoles.planning}签名的 PDF 文件。请向总部索取已发布的考核细则文件。`,
  'not-exportable': (r) => {
    const sheet = `${r.name}(${r.employeeNo})${r.period} 的评分表`;
    if (r.status === 'not-started') return `${sheet}尚未开始。`;
    if (r.status === 'approved') return `${sheet}已审批(定稿),不再导出。`;
    return `${sheet}的状态为“${ZH.statuses[r.status]}”:请先将其标记为“${ZH.statuses.ready}”。`;
  },
  'export-other-step': (r) => `${r.name}(${r.employeeNo})${r.period} 的评分表应由${ZH.chainRoles[r.first]}首先签署,而不是${ZH.chainRoles[r.role]}。`,
  countersigned: (r) => `${r.name}(${r.employeeNo})${r.period} 的评分表已有后续环节签署:如需重新导出,请先请审核人退回。`,
  'export-other-region': (r) =>
    `${r.name ? `${r.name} 的评分表${r.region === null ? '不属于任何区域' : `属于区域 ${r.region}`}` : `区域 ${r.region ?? '(全部区域)'} 不是您的区域`}:${ZH.roles['regional-manager']}只能导出并签署本区域 ${r.own} 的评分表。`,
  'signer-not-regional-manager': (r) =>
    r.employeeNo
      ? `签名身份 ${r.name} 的工号 ${r.employeeNo} 在本花名册中不是${ZH.roles['regional-manager']}:不能导出区域的评分表。`
      : `签名身份 ${r.name} 没有工号:${ZH.roles['regional-manager']}的签名身份必须带有工号(请用您的工号新建签名身份)。`,
  'changed-during-export': (r) => `${r.name} ${r.period} 的评分表在导出过程中被修改:请重新导出。`,
  'exported-file-moved': (r) => `导出的文件 ${r.fileName} 已不在导出时的位置 ${r.path}(之后已重新导出,或已被移动)。`,
  'identity-exists': (r) => `签名身份 ${r.name}(${r.fingerprint})已在本应用中。`,
  'key-file-missing': (r) => `${r.name} 的密钥文件不见了(${r.path})。`,
  'key-file-mismatch': (r) => `密钥文件 ${r.file} 中的证书与签名身份 ${r.name} 不符。`,
  'trusted-as-other-role': (r) => `${r.name}(${r.fingerprint})已被信任为${ZH.chainRoles[r.role]}:如要改为${ZH.chainRoles[r.wanted]},请先将其移除。`,
  'file-handled': (r) => `${r.fileName} 已经${fileStatesZh[r.state]}。`,
  'kept-file-changed': (r) => `${r.fileName} 的保存副本(${r.path})在磁盘上已被改动:请重新添加该文件。`,
  'file-not-verified': (r) => `${r.fileName} 未通过校验:${verifyZh(r.failure)}`,
  'chain-complete': (r) => `${r.fileName} 已由审批流程的每个环节签署完毕。`,
  'signer-clock-behind': (r) =>
    `本机时钟(${dateTime(r.now, 'zh')})早于 ${r.fileName} 最后一个签名的时间(${dateTime(r.previous, 'zh')}):现在签署,新签名的时间会早于它,文件将被拒绝。请先校准本机时钟,再签署。`,
  'clock-behind': (r) => `本机时钟(${dateTime(r.now, 'zh')})早于文件最后一个签名的时间(${dateTime(r.previous, 'zh')}):未签署任何内容。请先校准本机时钟,再重新签署。`,
  'sign-failed': () => '无法签署该文件:未签署任何内容。请重试;如仍失败,详细信息见日志。',
  'not-next-step': (r) => `${r.fileName} 的下一个环节是${ZH.chainRoles[r.next]};签名身份 ${r.name} 签署的环节是${ZH.chainRoles[r.role]}。`,
  'same-person-signed': (r) => `${r.name} 已用另一个身份签署过 ${r.fileName}${r.step ? `(${ZH.chainRoles[r.step]})` : ''}:一人只能签署一个环节。`,
  'not-fully-approved': (r) =>
    `尚未审批完毕:${r.signed.length ? `已签署的环节为 ${r.signed.map(stepZh).join(' → ')}` : '还没有任何签名'}${r.next ? `;下一个环节是${ZH.chainRoles[r.next]}` : ''}。`,
  'file-identifier': (r) =>
    `文件中的${r.what === 'employee-no' ? '工号' : '区域代码'}“${r.value}”不符合本应用的要求(只能包含字母、数字和“-”,最多 20 个字符)。`,
  'not-in-roster': (r) => `人力资源部的花名册中没有工号 ${r.employeeNo}(评分表上的姓名为 ${r.name}):请先将此人加入花名册。`,
  'roster-differs': (r) =>
    `${r.name}(${r.employeeNo})的评分表与人力资源部的花名册不符:${rosterDifferences(r.differences).map(([field, d]) => `评分表上的${rosterFieldsZh[field]}为 ${rosterValueZh(field, d.sheet)},花名册中为 ${rosterValueZh(field, d.roster)}`).join(';')}。花名册没有历史记录:之后调换区域或岗位的人员按其现在的情况比对。`,
  'month-in-future': (r) => `评分表的月份 ${r.period} 晚于当前月份 ${r.current}。`,
  'not-assessed': (r) => `${r.name}(${r.employeeNo})在 ${r.period} 不参加考核:花名册中的在职月份为 ${r.activeFrom} 至 ${r.activeTo ?? '今'},或其岗位没有评分表。`,
  'sheet-already-imported': (r) =>
    `${r.name} ${r.period} 的已审批评分表已经导入,来自 ${r.fileName}(文件 ${r.file}…),导入于 ${dateTime(r.importedAt, 'zh')}。同一张评分表的另一份文件不会替换它:更正须以声明修订该版本的方式提交。`,
  'amendment-not-by-first-step': (r) => `只有${ZH.chainRoles[r.first]}(审批流程的第一个环节)才能修订 ${r.name} ${r.period} 的评分表;本应用的用户签署环节为${stepZh(r.role)}。`,
  'not-amendable': (r) => `${r.name} ${r.period} 的评分表状态为“${ZH.statuses[r.status]}”:只有已签署或已审批的评分表才需修订(此表请直接修改并保存)。`,
  'amendment-unchanged': (r) => `${r.name} ${r.period} 评分表的修订没有任何变更。`,
  'amends-unknown-version': (r) =>
    `该文件修订的是 ${r.name} ${r.period} 评分表的第 ${r.version} 版(文件 ${r.file}…),` +
    (r.held ? `但人力资源部持有的是第 ${r.held.version} 版(文件 ${r.held.file}…)` : '但人力资源部尚未导入该评分表的任何版本') +
    ':修订只能替换人力资源部持有的那个版本。',
  'amendment-changes-differ': (r) => `${r.name} ${r.period} 评分表的修订(第 ${r.version} 版)未如实声明相对人力资源部所持版本的变更。`,
  superseded: (r) => `${r.fileName} 已被 ${r.byFileName}(同一评分表的第 ${r.version} 版)取代:请审批新版本。`,
  'identity-locked': (r) => `${r.name} 已锁定(闲置 ${r.idleMinutes} 分钟后自动锁定):请输入密码,或用顶栏的锁图标为本次会话解锁。`,
  'entry-not-refused': (r) => `${r.fileName} 验证通过:只有被拒绝的文件才能从收件箱移除。请审批或退回它。`,
  'job-running': (r) => `任务仍在进行(${r.done} / ${r.total}):完成后才能取得其文件。`,
  'job-file-changed': (r) => `${r.fileName} 已不在 ${r.path},或已不是任务写出的那个文件(丢失或被改动):未交出任何文件。请重新审批或退回该评分表。`,
  'no-folder-chooser': () => '浏览器中的应用无法选择文件夹:请将这些文件作为一个 zip 下载。',
  'folder-not-writable': (r) =>
    `无法将文件保存到 ${r.folder}(${{ 'no-permission': '没有写入权限', 'disk-full': '磁盘已满', other: '该文件夹拒绝写入' }[r.problem]}):` +
    `在此之前已保存 ${r.total} 份中的 ${r.saved} 份。所有文件仍由本应用保管;请选择其他文件夹。`,
  'nothing-pending': (r) => `没有等待${stepZh(r.role)}处理的评分表。`,
  'return-no-sheet': (r) => `本数据库中没有 ${r.name}(${r.employeeNo})${r.period} 的评分表。`,
  'return-not-signed': (r) => `该评分表的状态为“${ZH.statuses[r.status]}”,不是“${ZH.statuses.signed}”:没有可重新打开的内容。`,
  'return-stale': () => '此退回通知针对的是较早的导出文件:该评分表之后已重新导出。',
  'return-foreign': () => '被退回的文件不是从本数据库导出的。',
};

// ---------------------------------------------------------------------------------------------
// Why an import reader refuses a whole file (shared/refusals.ts FileReason): what a file must be,
// then why this one is not — worded as the `file` problem's rule ("expected …").

type F<C extends FileReason['code']> = Extract<FileReason, { code: C }>;

/** A size as the reader reports it: KB under 1 MB, else MB rounded up to 0.1. */
const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024))} KB` : mb(bytes));
const SAVE_AS_EN = 'open it in Excel (or WPS) and save it as .xlsx or as CSV';
const SAVE_AS_ZH = '请用 Excel(或 WPS)打开,另存为 .xlsx 或 CSV';
const BOMB_EN = 'refused as a possible zip bomb';
const BOMB_ZH = '疑为压缩炸弹,已拒绝';
const triedEn = { 'utf-8-bom': 'UTF-8 (it starts with a UTF-8 byte-order mark)', 'utf-8-gb18030': 'UTF-8 or GB18030 (GBK)', 'utf-16-odd': 'UTF-16 (its byte-order mark says so, but it has an odd number of bytes)' } as const;
const triedZh = { 'utf-8-bom': 'UTF-8(文件以 UTF-8 字节顺序标记开头)', 'utf-8-gb18030': 'UTF-8 或 GB18030(GBK)', 'utf-16-odd': 'UTF-16(字节顺序标记如此标明,但字节数为奇数)' } as const;
const secondsEn = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`);
const secondsZh = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${ms} 毫秒`);

const fileReasonsEn = {
  'file-xls': (r: F<'file-xls'>) => `a .csv or .xlsx file — “${r.fileName}” is an old binary Excel workbook (.xls), which this app cannot read: ${SAVE_AS_EN}`,
  'file-other-spreadsheet': (r: F<'file-other-spreadsheet'>) => `a .csv or .xlsx file — “${r.fileName}” is another program’s spreadsheet (.${r.ext}): ${SAVE_AS_EN}`,
  'file-extension': (r: F<'file-extension'>) => `a .csv, .txt or .xlsx file — “${r.fileName}” has ${r.ext ? `the extension .${r.ext}` : 'no extension'}`,
  'file-empty': (r: F<'file-empty'>) => `a file with a header row and people — “${r.fileName}” is empty`,
  'file-too-big': (r: F<'file-too-big'>) => `a file of at most ${size(r.max)} — “${r.fileName}” has ${size(r.bytes)}`,
  'file-too-many-rows': (r: F<'file-too-many-rows'>) => `a file of at most ${r.max} people (rows under the header) — “${r.fileName}” has more: split it into several files`,
  'file-no-rows': (r: F<'file-no-rows'>) => `a header row and a row per person — “${r.fileName}” has only blank rows`,
  'file-not-base64': () => 'the file’s content as the app sends it (base64): what came is not',
  'csv-is-xlsx': (r: F<'csv-is-xlsx'>) => `a CSV text file — “${r.fileName}” is a zip archive, probably an Excel workbook: name it .xlsx, or ${SAVE_AS_EN}`,
  'csv-is-office': (r: F<'csv-is-office'>) => `a CSV text file — “${r.fileName}” is an old binary Excel workbook (.xls) or another Office file: ${SAVE_AS_EN}`,
  'csv-syntax': (r: F<'csv-syntax'>) => `CSV text — in “${r.fileName}” a quoted field starts on line ${r.line} and never ends (a " is missing)`,
  'text-utf16-no-bom': () => 'text in UTF-8, GB18030 (GBK), or UTF-16 with its byte-order mark — this file looks like UTF-16 without the mark, so its byte order is unknown: save it as “CSV UTF-8”',
  'text-nul': () => 'a text file (CSV) — this one contains NUL characters, so it is a binary file or a text encoding this app does not read: save it as “CSV UTF-8”',
  'text-encoding': (r: F<'text-encoding'>) => `text in UTF-8 or GB18030 (GBK) — this file could not be read as ${triedEn[r.tried]}: save it as “CSV UTF-8”`,
  'xlsx-is-office': (r: F<'xlsx-is-office'>) =>
    `an .xlsx workbook — “${r.fileName}” is an old binary Excel workbook (.xls) or a password-protected workbook: ${SAVE_AS_EN} (without a password)`,
  'xlsx-not-zip': (r: F<'xlsx-not-zip'>) => `an .xlsx workbook — “${r.fileName}” is not one (it is not a zip archive, so it may be a CSV or another file renamed to .xlsx)`,
  'xlsx-no-workbook': (r: F<'xlsx-no-workbook'>) => `an .xlsx workbook — “${r.fileName}” is a zip archive but not an Excel workbook (it has no xl/workbook.xml)`,
  'xlsx-no-sheet': (r: F<'xlsx-no-sheet'>) => `a workbook with a worksheet — “${r.fileName}” has none`,
  'xlsx-unreadable': (r: F<'xlsx-unreadable'>) => `an .xlsx workbook Excel can open — “${r.fileName}” could not be read: ${SAVE_AS_EN}`,
  'xlsx-timeout': (r: F<'xlsx-timeout'>) => `an .xlsx workbook that can be read in ${secondsEn(r.ms)} — reading “${r.fileName}” took longer and was stopped: ${SAVE_AS_EN}`,
  'xlsx-memory': (r: F<'xlsx-memory'>) => `an .xlsx workbook that can be read in ${r.mb} MB of memory — “${r.fileName}” needs more; ${BOMB_EN}`,
  'zip-damaged': (r: F<'zip-damaged'>) => `an .xlsx workbook — “${r.fileName}” is a damaged zip archive: ${SAVE_AS_EN}`,
  'zip-encrypted': (r: F<'zip-encrypted'>) => `an .xlsx workbook without a password — “${r.fileName}” is encrypted: ${SAVE_AS_EN} (without a password)`,
  'zip-too-many-parts': (r: F<'zip-too-many-parts'>) => `an .xlsx workbook of at most ${r.max} parts — “${r.fileName}” claims ${r.count}; ${BOMB_EN}`,
  'zip-too-big-unpacked': (r: F<'zip-too-big-unpacked'>) =>
    `an .xlsx workbook that unpacks to at most ${size(r.max)} — “${r.fileName}” would unpack to ${size(r.total)} from ${size(r.bytes)}; ${BOMB_EN}`,
  'zip-ratio': (r: F<'zip-ratio'>) => `an .xlsx workbook whose parts are packed at most ${r.max}:1 — “${r.fileName}” has a part (${r.part}) packed ${r.ratio}:1; ${BOMB_EN}`,
  'zip-understated': (r: F<'zip-understated'>) =>
    `an .xlsx workbook whose parts are as big as it says — “${r.fileName}” has a part (${r.part}) that unpacks to more than the ${size(r.claimed)} it claims; ${BOMB_EN}`,
  'zip-method': (r: F<'zip-method'>) => `an .xlsx workbook as Excel writes it — “${r.fileName}” packs its part ${r.part} with method ${r.method}, which this app does not read: ${SAVE_AS_EN}`,
  'zip-part-broken': (r: F<'zip-part-broken'>) => `an .xlsx workbook — “${r.fileName}” has a broken part (${r.part}): ${SAVE_AS_EN}`,
  'rubric-file-too-big': (r: F<'rubric-file-too-big'>) => `a published rubric file of at most ${size(r.max)} — “${r.fileName}” has ${size(r.bytes)}`,
  'rubric-file-not-pdf': (r: F<'rubric-file-not-pdf'>) => `a published rubric file: a PDF signed by ${EN.chainRoles.planning} — “${r.fileName}” is not a PDF`,
} satisfies { [C in FileReason['code']]: (r: F<C>) => string };

const fileReasonsZh: typeof fileReasonsEn = {
  'file-xls': (r) => `.csv 或 .xlsx 文件——“${r.fileName}”是旧版二进制 Excel 工作簿(.xls),本应用无法读取:${SAVE_AS_ZH}`,
  'file-other-spreadsheet': (r) => `.csv 或 .xlsx 文件——“${r.fileName}”是其他软件的表格(.${r.ext}):${SAVE_AS_ZH}`,
  'file-extension': (r) => `.csv、.txt 或 .xlsx 文件——“${r.fileName}”${r.ext ? `的扩展名是 .${r.ext}` : '没有扩展名'}`,
  'file-empty': (r) => `含表头行和人员的文件——“${r.fileName}”是空文件`,
  'file-too-big': (r) => `不超过 ${size(r.max)} 的文件——“${r.fileName}”有 ${size(r.bytes)}`,
  'file-too-many-rows': (r) => `最多 ${r.max} 人(表头下的行数)的文件——“${r.fileName}”超出:请拆分为几个文件`,
  'file-no-rows': (r) => `一行表头,每人一行——“${r.fileName}”只有空行`,
  'file-not-base64': () => '本应用发送的文件内容:收到的内容无法解码',
  'csv-is-xlsx': (r) => `CSV 文本文件——“${r.fileName}”是压缩包,可能是 Excel 工作簿:请将其扩展名改为 .xlsx,或${SAVE_AS_ZH}`,
  'csv-is-office': (r) => `CSV 文本文件——“${r.fileName}”是旧版二进制 Excel 工作簿(.xls)或其他办公文件:${SAVE_AS_ZH}`,
  'csv-syntax': (r) => `CSV 文本——“${r.fileName}”第 ${r.line} 行有一个以引号开始的字段,直到文件末尾都没有结束(缺少一个")`,
  'text-utf16-no-bom': () => 'UTF-8、GB18030(GBK)或带字节顺序标记的 UTF-16 文本——此文件像是不带标记的 UTF-16,无法确定字节顺序:请另存为“CSV UTF-8”',
  'text-nul': () => '文本文件(CSV)——此文件含有空字符,是二进制文件或本应用不支持的文本编码:请另存为“CSV UTF-8”',
  'text-encoding': (r) => `UTF-8 或 GB18030(GBK)文本——此文件无法按 ${triedZh[r.tried]} 读取:请另存为“CSV UTF-8”`,
  'xlsx-is-office': (r) => `.xlsx 工作簿——“${r.fileName}”是旧版二进制 Excel 工作簿(.xls)或设有密码的工作簿:${SAVE_AS_ZH}(不设密码)`,
  'xlsx-not-zip': (r) => `.xlsx 工作簿——“${r.fileName}”不是(它不是压缩包,可能是改了扩展名的 CSV 或其他文件)`,
  'xlsx-no-workbook': (r) => `.xlsx 工作簿——“${r.fileName}”是压缩包,但不是 Excel 工作簿(没有 xl/workbook.xml)`,
  'xlsx-no-sheet': (r) => `含工作表的工作簿——“${r.fileName}”没有工作表`,
  'xlsx-unreadable': (r) => `Excel 能打开的 .xlsx 工作簿——无法读取“${r.fileName}”:${SAVE_AS_ZH}`,
  'xlsx-timeout': (r) => `能在 ${secondsZh(r.ms)}内读完的 .xlsx 工作簿——读取“${r.fileName}”超时,已停止:${SAVE_AS_ZH}`,
  'xlsx-memory': (r) => `能用 ${r.mb} MB 内存读完的 .xlsx 工作簿——“${r.fileName}”需要更多内存;${BOMB_ZH}`,
  'zip-damaged': (r) => `.xlsx 工作簿——“${r.fileName}”是损坏的压缩包:${SAVE_AS_ZH}`,
  'zip-encrypted': (r) => `不设密码的 .xlsx 工作簿——“${r.fileName}”已加密:${SAVE_AS_ZH}(不设密码)`,
  'zip-too-many-parts': (r) => `最多含 ${r.max} 个部件的 .xlsx 工作簿——“${r.fileName}”声称有 ${r.count} 个;${BOMB_ZH}`,
  'zip-too-big-unpacked': (r) => `解压后不超过 ${size(r.max)} 的 .xlsx 工作簿——“${r.fileName}”只有 ${size(r.bytes)},解压后却有 ${size(r.total)};${BOMB_ZH}`,
  'zip-ratio': (r) => `各部件压缩比不超过 ${r.max}:1 的 .xlsx 工作簿——“${r.fileName}”的部件 ${r.part} 压缩比为 ${r.ratio}:1;${BOMB_ZH}`,
  'zip-understated': (r) => `各部件大小与其声明一致的 .xlsx 工作簿——“${r.fileName}”的部件 ${r.part} 解压后超过其声明的 ${size(r.claimed)};${BOMB_ZH}`,
  'zip-method': (r) => `Excel 写出的 .xlsx 工作簿——“${r.fileName}”的部件 ${r.part} 使用压缩方法 ${r.method},本应用无法读取:${SAVE_AS_ZH}`,
  'zip-part-broken': (r) => `.xlsx 工作簿——“${r.fileName}”的部件 ${r.part} 已损坏:${SAVE_AS_ZH}`,
  'rubric-file-too-big': (r) => `不超过 ${size(r.max)} 的已发布考核细则文件——“${r.fileName}”有 ${size(r.bytes)}`,
  'rubric-file-not-pdf': (r) => `已发布的考核细则文件:由${ZH.chainRoles.planning}签名的 PDF——“${r.fileName}”不是 PDF 文件`,
};

/** Each code's wording takes that code's reason (checked above by the object's type). */
export const fileReasonEn = (reason: FileReason): string => (fileReasonsEn[reason.code] as (r: FileReason) => string)(reason);
export const fileReasonZh = (reason: FileReason): string => (fileReasonsZh[reason.code] as (r: FileReason) => string)(reason);
