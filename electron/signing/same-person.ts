/**
 * One person, one step: whether two signers are the same person. People are compared by
 * employee number where both certificates carry one (case aside); else by name, and by name and
 * e-mail only when both carry an e-mail (an e-mail on one side only tells nobody apart: an
 * attacker would add one). Names are compared as people write them: NFKC (a full-width letter or
 * space is the ordinary one), without any whitespace or zero-width character, case aside. Two
 * identities of one person (a second key pair, a certificate for another step) are the same
 * person; two people who share a name are told apart by their employee numbers or e-mails.
 */
import type { VerifyReason } from '../../shared/refusals.ts';

export interface Holder {
  name: string;
  email: string | null;
  employeeNo: string | null;
}

/** An employee number as compared everywhere (here and the roster's checks, roster-trust.ts): trimmed, upper case. */
export const employeeNoKey = (employeeNo: string): string => employeeNo.trim().toUpperCase();

/** A name as compared: NFKC, no whitespace nor zero-width characters, lower case. */
export const nameKey = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/gu, '')
    .toLowerCase();

/** How two holders are the same person, or null when they are not. */
export function samePerson(a: Holder, b: Holder): 'employee-no' | 'name-email' | 'name' | null {
  if (a.employeeNo !== null && b.employeeNo !== null) return employeeNoKey(a.employeeNo) === employeeNoKey(b.employeeNo) ? 'employee-no' : null;
  if (nameKey(a.name) !== nameKey(b.name)) return null;
  const email = (h: Holder) => h.email?.trim().toLowerCase() || null;
  const ea = email(a);
  const eb = email(b);
  if (ea === null || eb === null) return 'name';
  return ea === eb ? 'name-email' : null;
}

/** The first pair of signatures (numbered from 1) by one person, as the verifier's failure; null when every signer is another person. */
export function samePersonTwice(signers: readonly (Holder & { fingerprint: string })[]): { message: string; reason: VerifyReason } | null {
  for (let second = 1; second < signers.length; second++) {
    for (let first = 0; first < second; first++) {
      const a = signers[first]!;
      const b = signers[second]!;
      if (a.fingerprint === b.fingerprint) continue; // the same certificate twice is the verifier's own signed-twice
      const by = samePerson(a, b);
      if (!by) continue;
      const how = by === 'employee-no' ? `employee number ${b.employeeNo}` : by === 'name-email' ? `name "${b.name}" and e-mail ${b.email}` : `name "${b.name}"`;
      return {
        message: `signatures #${first + 1} and #${second + 1} are by one person (${how}) with two identities: one person signs one step`,
        reason: { code: 'same-person', name: b.name, first: first + 1, second: second + 1, employeeNo: by === 'employee-no' ? b.employeeNo : null },
      };
    }
  }
  return null;
}
