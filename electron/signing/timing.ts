/**
 * Times that can be checked. A signer writes its own signing time (/M) and a score sheet its own
 * export time (exportedAt): without a trusted timestamp (a later issue) neither is proof, so the
 * verifier holds them to what it can check:
 *
 *   - a score sheet's exportedAt parses (ISO 8601, a real date and time with its zone);
 *   - the sheet's month is not after the month of its export (in any time zone: UTC+14 at most);
 *   - exportedAt ≤ the first signing time ≤ each later signing time (to the second: /M has
 *     whole seconds);
 *   - no signing time is more than CLOCK_SKEW after the moment this app first received the
 *     signature (now, for a file never seen): a signature cannot come from the future;
 *   - each certificate was still valid when this app first received its signature: a certificate
 *     that has expired cannot sign today by writing a past /M (validity at /M itself is the
 *     trust check's).
 *
 * "First received": `firstReceived` answers, for the SHA-256 of a file's bytes, when this app
 * first had exactly that file (sheet_files.received_at), or null. A signature is in every revision
 * from its own on, so it was received at the earliest of those revisions' times; a revision this
 * app never had counts as received now.
 *
 * The signer's side (signerClockBehind): an app refuses to sign while its clock is behind the
 * file's latest signature, so an honest laptop never writes a file this verifier refuses.
 */
import { createHash } from 'node:crypto';
import { SCORESHEET_FORMAT } from '../../shared/score-file.ts';
import type { VerifyReason } from '../../shared/refusals.ts';
import { decodeText, isDict, isName, parsePdf, parsePdfDate } from './pdf-objects.ts';

/** How far a signer's clock may run ahead of this app's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** The earliest time zone's offset: a month "of the export" is the month somewhere on earth. */
const LATEST_ZONE_MS = 14 * 3_600_000;

export interface TimeOptions {
  /** This app's clock (default: the time of the check). */
  now?: Date;
  /** When this app first received the file with this SHA-256 (hex), or null when it never did. */
  firstReceived?: (sha256: string) => Date | null;
}

/** One verified signature, in file order, with its certificate's validity. */
export interface TimedSignature {
  name: string;
  fingerprint: string;
  signingTime: Date;
  notBefore: Date;
  notAfter: Date;
  /** End of the revision it signs. */
  revisionEnd: number;
}

export interface TimeProblem {
  message: string;
  reason: VerifyReason;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with its zone that names a real moment ("2026-02-30T…" does not), or null. */
export function parseIsoTime(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = ISO_8601.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  // Date.parse rolls some impossible fields over; the fields must be what they say.
  const fields = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s));
  if (fields.getUTCFullYear() !== +y! || fields.getUTCMonth() !== +mo! - 1 || fields.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s > 59) return null;
  return new Date(time);
}

const iso = (date: Date): string => date.toISOString();
const wholeSecond = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000;

/** The first time rule `signatures` and `data` break, or null. `pdf`: the whole file. */
export function timeProblem(pdf: Buffer, signatures: readonly TimedSignature[], data: unknown, options: TimeOptions = {}): TimeProblem | null {
  const now = options.now ?? new Date();

  // The sheet's own times.
  const sheet = data !== null && typeof data === 'object' && (data as { format?: unknown }).format === SCORESHEET_FORMAT ? (data as { exportedAt?: unknown; output?: { period?: unknown } }) : null;
  if (sheet) {
    const exportedAt = parseIsoTime(sheet.exportedAt);
    if (!exportedAt) {
      const value = typeof sheet.exportedAt === 'string' ? sheet.exportedAt : JSON.stringify(sheet.exportedAt) ?? 'nothing';
      return { message: `exportedAt ${JSON.stringify(value)} is not a time (ISO 8601 with its zone)`, reason: { code: 'exported-at-invalid', value: value.slice(0, 64) } };
    }
    const period = sheet.output?.period;
    const latest = new Date(exportedAt.getTime() + LATEST_ZONE_MS);
    const exportMonth = latest.getUTCFullYear() * 12 + latest.getUTCMonth();
    const month = typeof period === 'string' ? /^(\d{4})-(\d{2})$/.exec(period) : null;
    if (typeof period === 'string' && (!month || Number(month[1]) * 12 + Number(month[2]) - 1 > exportMonth)) {
      return {
        message: `the sheet is for ${period} but was exported at ${iso(exportedAt)}, before that month`,
        reason: { code: 'period-after-export', period, exportedAt: iso(exportedAt) },
      };
    }
    const first = signatures[0];
    if (first && first.signingTime.getTime() < wholeSecond(exportedAt)) {
      return {
        message: `signature #1 by "${first.name}" claims ${iso(first.signingTime)}, before the sheet was exported (${iso(exportedAt)})`,
        reason: { code: 'signed-before-export', signature: 1, name: first.name, signedAt: iso(first.signingTime), exportedAt: iso(exportedAt) },
      };
    }
  }

  // Each signature after the one before it.
  for (let k = 1; k < signatures.length; k++) {
    const previous = signatures[k - 1]!;
    const sig = signatures[k]!;
    if (sig.signingTime < previous.signingTime) {
      return {
        message: `signature #${k + 1} by "${sig.name}" claims ${iso(sig.signingTime)}, before signature #${k} by "${previous.name}" (${iso(previous.signingTime)})`,
        reason: { code: 'signed-before-previous', signature: k + 1, name: sig.name, signedAt: iso(sig.signingTime), previous: iso(previous.signingTime), previousName: previous.name },
      };
    }
  }

  // When this app first had each signature: the earliest of the revisions from its own on.
  const received: Date[] = new Array<Date>(signatures.length);
  let earliest = now;
  for (let k = signatures.length - 1; k >= 0; k--) {
    const end = signatures[k]!.revisionEnd;
    const seen = options.firstReceived?.(createHash('sha256').update(pdf.subarray(0, end)).digest('hex')) ?? null;
    if (seen && seen < earliest) earliest = seen;
    received[k] = earliest;
  }
  for (const [k, sig] of signatures.entries()) {
    const at = received[k]!;
    if (sig.signingTime.getTime() > at.getTime() + CLOCK_SKEW_MS) {
      return {
        message: `signature #${k + 1} by "${sig.name}" claims ${iso(sig.signingTime)}, later than this app received it (${iso(at)}, allowing ${CLOCK_SKEW_MS / 60_000} minutes of clock difference)`,
        reason: { code: 'signed-in-future', signature: k + 1, name: sig.name, signedAt: iso(sig.signingTime), receivedAt: iso(at) },
      };
    }
    if (at > sig.notAfter) {
      return {
        message: `signature #${k + 1}: the certificate of "${sig.name}" expired on ${iso(sig.notAfter)}, before this app received the signature (${iso(at)}); a signing time it writes cannot be checked`,
        reason: { code: 'certificate-expired-when-received', signature: k + 1, name: sig.name, fingerprint: sig.fingerprint, receivedAt: iso(at), notAfter: iso(sig.notAfter) },
      };
    }
  }
  return null;
}

/** The latest signing time (/M) of the signatures a PDF already carries; null when it has none (or is not a PDF this app reads). */
export function latestSigningTime(pdf: Buffer): Date | null {
  let parsed;
  try {
    parsed = parsePdf(pdf);
  } catch {
    return null;
  }
  let latest: Date | null = null;
  for (const object of parsed.objects) {
    const value = object.value;
    if (!isDict(value) || !(isName(value.entries.get('Type'), 'Sig') || value.entries.has('ByteRange'))) continue;
    const at = parsePdfDate(decodeText(value.entries.get('M')));
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest;
}

/**
 * The signer's clock check: the previous signature's time when signing at `at` would write an
 * earlier time than it (compared to the second, as /M is written), else null.
 */
export function signerClockBehind(pdf: Buffer, at: Date): Date | null {
  const previous = latestSigningTime(pdf);
  return previous && wholeSecond(at) < previous.getTime() ? previous : null;
}
