/**
 * People a signed sheet may be about and signed by, checked against this database's roster
 * (docs/trust.md, "HR's roster is the authority"):
 *   - HR's import refuses a sheet whose person HR does not know, whose name, region (code) or role
 *     differ from the roster, whose month is after the current month, or a month the person is not
 *     assessed in (shared/assessed.ts). The roster has no history: the person is compared as the
 *     roster has them today (their current region, role and active months).
 *   - the manager step is signed by a regional manager of the sheet's person's region: the
 *     certificate's employee number is one of the roster's regional managers in that region, active
 *     in the sheet's month (shared/assessed.ts). The region is the roster's for the person when the
 *     roster knows them (a sheet cannot move its person to the signer's region), else the sheet's;
 *   - a regional manager exports and signs only their own region, and only while the roster has
 *     them as a regional manager in the current month;
 *   - one person signs one step: an identity whose holder already signed the file does not sign it
 *     again (electron/signing/same-person.ts; the verifier checks the same on every file).
 */
import type { ChainRole } from '../../shared/api/types.ts';
import { assessedInSql, isAssessedIn } from '../../shared/assessed.ts';
import { currentPeriod } from '../../shared/period.ts';
import type { RosterDifferences } from '../../shared/refusals.ts';
import type { RoleId } from '../../shared/rubric/schema.ts';
import type { ScoresheetJson } from '../../shared/score-file.ts';
import type { Db } from '../db/database.ts';
import { type DataProblem, type SigningIdentity, readCertificate } from '../signing/index.ts';
import { employeeNoKey, samePerson } from '../signing/same-person.ts';
import { ServiceError } from './errors.ts';
import type { SheetVerification } from './sheet-verify.ts';

/** The roster's `p.employee_no` equal to the parameter `param`, given as `employeeNoKey(…)` (same-person.ts: one rule). */
const sameEmployeeNo = (param: string): string => `upper(trim(p.employee_no)) = ${param}`;

interface RosterPerson {
  id: number;
  employee_no: string;
  name: string;
  role: RoleId;
  region_code: string | null;
  active_from: string;
  active_to: string | null;
}

function rosterPerson(db: Db, employeeNo: string): RosterPerson | undefined {
  return db
    .prepare(
      `SELECT p.id, p.employee_no, p.name, p.role, r.code AS region_code, p.active_from, p.active_to
         FROM people p LEFT JOIN regions r ON r.id = p.region_id WHERE ${sameEmployeeNo('?')}`,
    )
    .get(employeeNoKey(employeeNo)) as RosterPerson | undefined;
}


/**
 * HR's import: the sheet's person and month against HR's roster. Throws the refusal (nothing is
 * written); returns the roster's person id.
 */
export function checkAgainstRoster(db: Db, data: ScoresheetJson, now: Date = new Date()): number {
  const { person } = data;
  const period = data.output.period;
  const current = currentPeriod(now);
  if (period > current) {
    throw new ServiceError('conflict', `the sheet is for ${period}, after the current month ${current}`, { code: 'month-in-future', period, current });
  }
  const known = rosterPerson(db, person.employeeNo);
  if (!known) {
    throw new ServiceError('conflict', `HR's roster has no employee number ${person.employeeNo} (the sheet names ${person.name})`, {
      code: 'not-in-roster',
      employeeNo: person.employeeNo,
      name: person.name,
    });
  }
  const differences: RosterDifferences = {};
  if (person.name !== known.name) differences.name = { sheet: person.name, roster: known.name };
  const sheetRegion = data.region?.code ?? null;
  if (sheetRegion !== known.region_code) differences.region = { sheet: sheetRegion, roster: known.region_code };
  if (person.role !== known.role) differences.role = { sheet: person.role, roster: known.role };
  const fields = Object.entries(differences) as [string, { sheet: string | null; roster: string | null }][];
  if (fields.length > 0) {
    const said = fields.map(([field, d]) => `${field} ${JSON.stringify(d.sheet)} on the sheet, ${JSON.stringify(d.roster)} in the roster`).join('; ');
    throw new ServiceError('conflict', `the sheet of ${person.name} (${person.employeeNo}) differs from HR's roster: ${said}`, {
      code: 'roster-differs',
      employeeNo: person.employeeNo,
      name: person.name,
      differences,
    });
  }
  if (!isAssessedIn({ role: known.role, activeFrom: known.active_from, activeTo: known.active_to }, period)) {
    throw new ServiceError('conflict', `${known.name} (${known.employee_no}) is not assessed in ${period} (in the roster ${known.active_from} – ${known.active_to ?? 'now'}, role ${known.role})`, {
      code: 'not-assessed',
      employeeNo: known.employee_no,
      name: known.name,
      period,
      activeFrom: known.active_from,
      activeTo: known.active_to,
    });
  }
  return known.id;
}

/** Whether this database has a roster at all (an app that keeps none, such as a VP's, checks no people). */
export function hasRoster(db: Db): boolean {
  return db.prepare('SELECT 1 FROM people LIMIT 1').get() !== undefined;
}

/** Whether `employeeNo` is a regional manager of the region `code` in this database's roster, active in `period`. */
function isRegionManager(db: Db, employeeNo: string | null, code: string | null, period: string): boolean {
  if (employeeNo === null || code === null) return false;
  return (
    db
      .prepare(
        `SELECT 1 FROM people p JOIN regions r ON r.id = p.region_id
          WHERE ${sameEmployeeNo('@no')} AND p.role = 'regional-manager' AND r.code = @code AND ${assessedInSql('@period')}`,
      )
      .get({ no: employeeNoKey(employeeNo), code, period }) !== undefined
  );
}

/**
 * The manager step's signer, when the file has one, must be a regional manager here of the
 * region of the sheet's person, in the sheet's month. The person's region is the roster's when
 * the roster knows their employee number (the sheet's own region is what a dishonest manager
 * writes), else the sheet's.
 */
export function managerStepProblem(db: Db, v: SheetVerification): Exclude<DataProblem, string> | null {
  if (!v.verdict.ok || !v.data) return null;
  const k = v.verdict.signatures.findIndex((s) => s.role === 'manager');
  if (k === -1) return null;
  const signer = v.verdict.signatures[k]!;
  const period = v.data.output.period;
  const sheetRegion = v.data.region?.code ?? null;
  const known = rosterPerson(db, v.data.person.employeeNo);
  const region = known ? known.region_code : sheetRegion;
  if (isRegionManager(db, signer.employeeNo, region, period)) return null;
  const whose = known && region !== sheetRegion ? ` (the roster's region of ${known.employee_no}; the sheet says ${sheetRegion ?? '(none)'})` : '';
  return {
    message: `signature #${k + 1} is by "${signer.name}" (employee number ${signer.employeeNo ?? 'none'}), who is not a regional manager of the region ${region ?? '(none)'}${whose} in ${period} in this roster`,
    reason: { code: 'manager-not-of-region', signature: k + 1, name: signer.name, employeeNo: signer.employeeNo, region: region ?? '' },
  };
}

/**
 * The verification with the roster's checks of the signers: a file whose manager step is not
 * signed by the region's manager here fails the trust check. `onlyWithRoster`: skip when this
 * database keeps no roster (the inbox of a VP's app); HR's import always checks.
 */
export function withRosterChecks(db: Db, v: SheetVerification, options: { onlyWithRoster?: boolean } = {}): SheetVerification {
  if (options.onlyWithRoster && !hasRoster(db)) return v;
  const problem = managerStepProblem(db, v);
  if (!problem) return v;
  return {
    ...v,
    verdict: { ...v.verdict, ok: false, failure: { check: 'trust', message: problem.message, reason: problem.reason } },
    data: null,
    steps: null,
    nextStep: null,
    complete: false,
  };
}

/** Signing up front: the identity's holder must not already be on the file's chain with another identity. */
export function assertNotOnChain(fileName: string, v: Pick<SheetVerification, 'verdict'>, identity: Pick<SigningIdentity, 'certificate' | 'name'>): void {
  const holder = readCertificate(identity.certificate);
  for (const signer of v.verdict.signatures) {
    if (signer.fingerprint === holder.fingerprint || samePerson(signer, holder)) {
      throw new ServiceError('conflict', `${holder.name} already signed ${fileName}${signer.role ? ` as ${signer.role}` : ''}: one person signs one step`, {
        code: 'same-person-signed',
        fileName,
        name: holder.name,
        step: signer.role,
      });
    }
  }
}

/**
 * The region a signer exports for: a regional manager's own region (by the certificate's employee
 * number in this roster); null for sales planning, who exports regional managers' own sheets of
 * every region.
 */
export function signerRegion(db: Db, identity: Pick<SigningIdentity, 'certificate' | 'name'> & { role: ChainRole }, now: Date = new Date()): { id: number; code: string } | null {
  if (identity.role !== 'manager') return null;
  const employeeNo = readCertificate(identity.certificate).employeeNo;
  // A regional manager in the current month (a former one exports nothing).
  const row =
    employeeNo === null
      ? undefined
      : (db
          .prepare(
            `SELECT r.id, r.code FROM people p JOIN regions r ON r.id = p.region_id
              WHERE ${sameEmployeeNo('@no')} AND p.role = 'regional-manager' AND ${assessedInSql('@period')}`,
          )
          .get({ no: employeeNoKey(employeeNo), period: currentPeriod(now) }) as { id: number; code: string } | undefined);
  if (!row) {
    throw new ServiceError(
      'conflict',
      employeeNo === null
        ? `the signing identity ${identity.name} carries no employee number: a regional manager's identity needs one`
        : `the signing identity ${identity.name} (employee number ${employeeNo}) is not a regional manager in this roster in ${currentPeriod(now)}`,
      { code: 'signer-not-regional-manager', name: identity.name, employeeNo },
    );
  }
  return row;
}

/** A regional manager's export: `regionId` (when given) must be their own; returns the region to export. */
export function exportRegion(db: Db, identity: Pick<SigningIdentity, 'certificate' | 'name'> & { role: ChainRole }, regionId: number | undefined): number | undefined {
  const own = signerRegion(db, identity);
  if (!own) return regionId;
  if (regionId !== undefined && regionId !== own.id) {
    const asked = db.prepare('SELECT code FROM regions WHERE id = ?').get(regionId) as { code: string } | undefined;
    throw new ServiceError('conflict', `the region ${asked?.code ?? regionId} is not ${identity.name}'s: a regional manager exports only their own region, ${own.code}`, {
      code: 'export-other-region',
      region: asked?.code ?? String(regionId),
      own: own.code,
      name: null,
    });
  }
  return own.id;
}

/** A regional manager's export of one sheet: the person must be of their own region. */
export function assertOwnRegion(db: Db, identity: Pick<SigningIdentity, 'certificate' | 'name'> & { role: ChainRole }, person: { name: string; regionId: number | null }): void {
  const own = signerRegion(db, identity);
  if (!own || person.regionId === own.id) return;
  const code = person.regionId === null ? null : ((db.prepare('SELECT code FROM regions WHERE id = ?').get(person.regionId) as { code: string } | undefined)?.code ?? null);
  throw new ServiceError('conflict', `the sheet of ${person.name} is of ${code === null ? 'no region' : `the region ${code}`}: a regional manager exports only their own region, ${own.code}`, {
    code: 'export-other-region',
    region: code,
    own: own.code,
    name: person.name,
  });
}
