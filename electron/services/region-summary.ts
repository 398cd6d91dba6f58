/**
 * The region summary as a file of its own: a month's export (export.ts writeSummary) signs one
 * table of the region's exported sheets and embeds its list (region-summary/1) — each sheet by its
 * exported file's SHA-256, which is the first signed revision of every later copy of that sheet.
 * A reviewer's inbox recognises it: verified (a trusted signer of a chain step, one signature),
 * it shows the sheets it lists and which of them are in the inbox, so they can be approved
 * together.
 */
import type { ChainRole, InboxState, RegionSummaryInfo } from '../../shared/api/types.ts';
import { CHAIN_ROLES } from '../../shared/chain.ts';
import { isPlainObject } from '../../shared/problems.ts';
import { ROLE_IDS, type RoleId } from '../../shared/rubric/schema.ts';
import type { Db } from '../db/database.ts';
import { type DataProblem, type TrustedSigner, type Verdict, verifyPdf } from '../signing/index.ts';

export const REGION_SUMMARY_FORMAT = 'region-summary/1';

export interface RegionSummaryJson {
  format: typeof REGION_SUMMARY_FORMAT;
  region: { code: string; name: string } | null;
  period: string;
  language: 'zh' | 'en';
  signer: { name: string; role: ChainRole };
  signedAt: string;
  sheets: {
    employeeNo: string;
    name: string;
    role: RoleId;
    /** The exported (signed) file's SHA-256 and name. */
    sha256: string;
    fileName: string;
    monthlyScore: number;
    flags: string[];
    /** The flags as the summary's PDF words them. */
    flagWords: string[];
  }[];
}

/** Whether embedded data says it is a region summary (then it is checked as one, not as a sheet). */
export function isRegionSummaryData(raw: unknown): boolean {
  return isPlainObject(raw) && raw.format === REGION_SUMMARY_FORMAT;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The shape of a summary's list; null when it holds together. */
export function summaryProblem(json: unknown): DataProblem | null {
  const bad = (message: string): DataProblem => ({ message: `region summary: ${message}`, reason: { code: 'data-inconsistent' } });
  if (!isPlainObject(json) || json.format !== REGION_SUMMARY_FORMAT) return bad('not a region summary');
  if (!str(json.period) || !/^\d{4}-\d{2}$/.test(json.period)) return bad('period');
  if (json.language !== 'zh' && json.language !== 'en') return bad('language');
  if (json.region !== null && !(isPlainObject(json.region) && str(json.region.code) && str(json.region.name))) return bad('region');
  if (!isPlainObject(json.signer) || !str(json.signer.name) || !(CHAIN_ROLES as readonly unknown[]).includes(json.signer.role)) return bad('signer');
  if (!Array.isArray(json.sheets)) return bad('sheets');
  for (const [i, s] of json.sheets.entries()) {
    if (
      !isPlainObject(s) ||
      !str(s.employeeNo) ||
      !str(s.name) ||
      !ROLE_IDS.includes(s.role as RoleId) ||
      typeof s.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(s.sha256) ||
      !str(s.fileName) ||
      typeof s.monthlyScore !== 'number' ||
      !Array.isArray(s.flags) ||
      !s.flags.every((f) => typeof f === 'string') ||
      !Array.isArray(s.flagWords) ||
      s.flagWords.length !== s.flags.length ||
      !s.flagWords.every((f) => typeof f === 'string')
    ) {
      return bad(`sheets[${i}]`);
    }
  }
  return null;
}

/**
 * Verify a region summary: one signature, by a trusted signer of the step it names (the export's
 * first step: a regional manager, or sales planning for the managers' own sheets), its list well
 * formed. `firstRole`: the role of its signature as the sheet verifier read it.
 */
export async function verifySummaryPdf(pdf: Buffer, trusted: TrustedSigner[], firstRole: ChainRole | null, options: { firstReceived?: (sha256: string) => Date | null } = {}): Promise<Verdict> {
  const role = firstRole ?? 'manager';
  const verdict = await verifyPdf(pdf, { trusted, expectedChain: [role], checkData: summaryProblem, firstReceived: options.firstReceived });
  const data = verdict.data as RegionSummaryJson | undefined;
  if (verdict.ok && data && data.signer.role !== role) {
    return { ...verdict, ok: false, failure: { check: 'data-check', message: `region summary: signed by ${role}, names ${data.signer.role}`, reason: { code: 'data-inconsistent' } } };
  }
  return verdict;
}

/** What the inbox shows of a verified summary: its list, each sheet with the entry of this inbox holding its exported file. */
export function summaryInfo(db: Db, data: RegionSummaryJson): RegionSummaryInfo {
  const find = db.prepare("SELECT sha256, state, verdict FROM sheet_files WHERE kind = 'received' AND export_sha256 = ? ORDER BY received_at DESC");
  return {
    region: data.region,
    period: data.period,
    signer: data.signer,
    signedAt: data.signedAt,
    language: data.language === 'en' ? 'en' : 'zh',
    sheets: data.sheets.map((s) => {
      // The newest copy of the sheet in this inbox (a later step's file of the same export).
      const rows = find.all(s.sha256) as { sha256: string; state: string | null; verdict: string | null }[];
      const row = rows[0];
      const v = row ? (JSON.parse(row.verdict ?? 'null') as { verdict?: { ok?: boolean }; nextStep?: ChainRole | null } | null) : null;
      return {
        employeeNo: s.employeeNo,
        name: s.name,
        role: s.role,
        fileName: s.fileName,
        monthlyScore: s.monthlyScore,
        flags: s.flags,
        flagWords: Array.isArray(s.flagWords) ? s.flagWords.filter((w) => typeof w === 'string') : [],
        entry: row ? { sha256: row.sha256, state: (row.state ?? 'pending') as InboxState, nextStep: v?.nextStep ?? null, ok: v?.verdict?.ok === true } : null,
      };
    }),
  };
}
