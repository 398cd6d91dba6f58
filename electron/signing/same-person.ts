/**
 * One person, one step: whether two signers are the same person. People are compared by
 * employee number where both certificates carry one, else by name and e-mail (both the same,
 * an absent e-mail equal only to an absent one). Two identities of one person (a second key pair,
 * a certificate for another step) are the same person; two people who share a name are told apart
 * by their employee numbers or e-mails.
 */
import type { VerifyReason } from '../../shared/refusals.ts';

export interface Holder {
  name: string;
  email: string | null;
  employeeNo: string | null;
}

/** How two holders are the same person, or null when they are not. */
export function samePerson(a: Holder, b: Holder): 'employee-no' | 'name-email' | null {
  if (a.employeeNo !== null && b.employeeNo !== null) return a.employeeNo.toUpperCase() === b.employeeNo.toUpperCase() ? 'employee-no' : null;
  const email = (h: Holder) => h.email?.trim().toLowerCase() ?? null;
  return a.name.trim() === b.name.trim() && email(a) === email(b) ? 'name-email' : null;
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
      const how = by === 'employee-no' ? `employee number ${b.employeeNo}` : `name "${b.name}" and e-mail ${b.email ?? '(none)'}`;
      return {
        message: `signatures #${first + 1} and #${second + 1} are by one person (${how}) with two identities: one person signs one step`,
        reason: { code: 'same-person', name: b.name, first: first + 1, second: second + 1, employeeNo: by === 'employee-no' ? b.employeeNo : null },
      };
    }
  }
  return null;
}
