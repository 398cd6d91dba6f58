/** What the signing commands share: a signing identity from a .p12 file, a folder of trusted certificates, a database's checks. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CHAIN_ROLES, isChainRole } from '../../shared/chain.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import type { Signer } from '../services/export.ts';
import { withRosterChecks } from '../services/roster-trust.ts';
import { knownRubrics } from '../services/rubrics.ts';
import { firstReceivedSnapshot } from '../services/sheet-times.ts';
import { trustedSigners, type SheetVerification } from '../services/sheet-verify.ts';
import { IdentityError, openIdentity, readCertificate, type TrustedSigner } from '../signing/index.ts';
import { CliError } from './args.ts';
import { openDb } from './database.ts';
import { readBytes, type Io } from './io.ts';

/** "manager, planning, vp or hr": the chain's steps. */
export const CHAIN_WORDS = `${CHAIN_ROLES.slice(0, -1).join(', ')} or ${CHAIN_ROLES.at(-1)}`;

/** The signing identity in a .p12 file; its certificate must record its step in the chain. */
export async function identityFrom(path: string, io: Io): Promise<Signer> {
  const p12 = readBytes(path);
  const passphrase = await io.passphrase(`Passphrase for ${basename(path)}: `, false);
  let identity;
  try {
    identity = await openIdentity(p12, passphrase);
  } catch (err) {
    if (err instanceof IdentityError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
  if (!isChainRole(identity.role)) throw new CliError(`${path}: the certificate does not record a step of the chain (${CHAIN_WORDS})`);
  return { ...identity, role: identity.role };
}

/** The trusted signers of a folder of certificates (.cer, .crt, .pem, .der); each records its role. */
export function trustFolder(dir: string): TrustedSigner[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--trust: ${dir} is not a folder`);
  const trusted: TrustedSigner[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!['.cer', '.crt', '.pem', '.der'].includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    let info;
    try {
      info = readCertificate(readFileSync(path));
    } catch (err) {
      if (err instanceof IdentityError) throw new CliError(`--trust: ${path}: ${err.message}`);
      throw err;
    }
    if (!info.role) throw new CliError(`--trust: ${path} (${info.name}) does not record a step of the chain; only certificates made by "scorecard identity create" or with the role extension can be trusted from a folder`);
    trusted.push({ certificate: readFileSync(path), role: info.role });
  }
  if (trusted.length === 0) throw new CliError(`--trust: ${dir} holds no certificate (.cer, .crt, .pem, .der)`);
  return trusted;
}

/**
 * What a database knows for checking signed files: its trusted signers, the rubrics HQ published,
 * when it first had each file, and its roster's checks of the signers (`rosterChecks`, the ones
 * the app's inbox applies: roster-trust.ts withRosterChecks, when the database keeps a roster).
 */
export function checksFrom(dbPath: string): {
  trusted: TrustedSigner[];
  rubrics: Rubric[];
  firstReceived: (sha256: string) => Date | null;
  rosterChecks: (v: SheetVerification) => SheetVerification;
} {
  const db = openDb(dbPath, false);
  try {
    return {
      trusted: trustedSigners(db),
      rubrics: knownRubrics(db),
      firstReceived: firstReceivedSnapshot(db),
      rosterChecks: (v) => {
        const roster = openDb(dbPath, false);
        try {
          return withRosterChecks(roster, v, { onlyWithRoster: true });
        } finally {
          roster.close();
        }
      },
    };
  } finally {
    db.close();
  }
}
