/** `identity create`: a signing identity as FILE.p12 and its certificate FILE.cer (what the app's identities.create makes, as files). */
import { existsSync } from 'node:fs';
import { FIELDS } from '../../../shared/api/contract.ts';
import { CHAIN_ROLES } from '../../../shared/chain.ts';
import { writeFileAtomic } from '../../services/files.ts';
import { IdentityError, createIdentity } from '../../signing/index.ts';
import { CliError, checkValue, parseFlags } from '../args.ts';
import { json, type Io } from '../io.ts';

export async function identity(args: readonly string[], io: Io): Promise<string> {
  const [sub, ...rest] = args;
  const usage = `usage: scorecard identity create --name NAME --role ${CHAIN_ROLES.join('|')} --out FILE.p12 [--email ADDRESS] [--employee-no NO] [--rsa]\n(--employee-no: the holder's employee number in HR's roster; required for manager)`;
  if (sub !== 'create') throw new CliError(usage);
  const { positional, flags } = parseFlags(rest, ['--rsa'], ['--name', '--role', '--out', '--email', '--employee-no']);
  const [nameText, roleText, out, emailText, employeeNoText] = [flags['--name'], flags['--role'], flags['--out'], flags['--email'], flags['--employee-no']];
  if (positional.length || !nameText || !roleText || !out) throw new CliError(usage);
  // The rules of the app's identities.create, flag by flag (the passphrase is asked afterwards).
  const name = checkValue(FIELDS.signerName, nameText, { flag: '--name', text: nameText });
  const role = checkValue(FIELDS.chainRole, roleText, { flag: '--role', text: roleText });
  const email = emailText === undefined ? undefined : checkValue(FIELDS.email, emailText, { flag: '--email', text: emailText });
  const employeeNo = employeeNoText === undefined ? undefined : checkValue(FIELDS.identifier, employeeNoText, { flag: '--employee-no', text: employeeNoText });
  if (role === 'manager' && employeeNo === undefined) {
    throw new CliError(`--employee-no: a regional manager's identity needs the manager's employee number, as in HR's roster\n${usage}`);
  }
  const cerPath = out.replace(/\.(p12|pfx)$/i, '') + '.cer';
  for (const path of [out, cerPath]) if (existsSync(path)) throw new CliError(`${path} already exists; choose another --out (an identity is never overwritten)`);
  const passphrase = await io.passphrase(`Passphrase for the new identity ${name}: `, true);
  let created;
  try {
    created = await createIdentity({ name, role, email, employeeNo, algorithm: flags['--rsa'] ? 'RSA-2048' : 'ECDSA-P256' }, passphrase);
  } catch (err) {
    if (err instanceof IdentityError) throw new CliError(err.message);
    throw err;
  }
  writeFileAtomic(out, created.p12);
  writeFileAtomic(cerPath, created.certificate);
  return json({ p12: out, certificate: cerPath, name, role, employeeNo: employeeNo ?? null, fingerprint: created.fingerprint });
}
