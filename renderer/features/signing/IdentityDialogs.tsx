/**
 * Create a signing identity, or import one from a PKCS#12 file. The passphrase lives in the
 * dialog's state only: the dialog is unmounted when it closes.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CHAIN_ROLES, type ChainRole, type IdentityInfo } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { problemsAt, problemsOf } from '../../app/problems.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useT } from '../../i18n/index.tsx';
import { hasExtension, readAsBase64 } from '../../app/files.ts';

const MIN_PASSPHRASE = 8;
const ALGORITHMS = ['ECDSA-P256', 'RSA-2048'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const P12_ACCEPT = '.p12,.pfx';

/** The first message per field of a failed call, and whether some problems belong to no field shown. */
function useFieldProblems(error: unknown, fields: readonly string[]) {
  const t = useT();
  const problems = problemsOf(error);
  const at = (field: string) => problemsAt(problems, field).map((p) => problemText(p, t, false))[0];
  const elsewhere = error !== null && error !== undefined && (problems.length === 0 || problems.some((p) => !fields.includes(p.field)));
  return { at, elsewhere };
}

const field = (testId: string) => ({ htmlInput: { 'data-testid': testId } });

export function CreateIdentityDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (identity: IdentityInfo) => void }) {
  const t = useT();
  const { info } = useApp();
  const [name, setName] = useState(info.user?.name ?? '');
  const [role, setRole] = useState<ChainRole>(info.user?.chainRole ?? 'manager');
  const [email, setEmail] = useState('');
  const [employeeNo, setEmployeeNo] = useState('');
  // A regional manager's employee number, offered from this app's roster: the manager of the user's region.
  const people = useCall('people.list', {});
  const rosterManager = people.data?.find((p) => p.role === 'regional-manager' && info.user?.regionId !== null && p.regionId === info.user?.regionId);
  const offered = useRef(false);
  useEffect(() => {
    if (offered.current || !rosterManager || role !== 'manager') return;
    offered.current = true;
    setEmployeeNo((typed) => typed || rosterManager.employeeNo);
  }, [rosterManager, role]);
  const [passphrase, setPassphrase] = useState('');
  const [passphrase2, setPassphrase2] = useState('');
  const [algorithm, setAlgorithm] = useState<Algorithm>('ECDSA-P256');
  const [submitted, setSubmitted] = useState(false);
  const create = useAction(() =>
    invoke('identities.create', {
      name: name.trim(),
      role,
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(employeeNo.trim() ? { employeeNo: employeeNo.trim() } : {}),
      passphrase,
      algorithm,
    }),
  );
  const { at, elsewhere } = useFieldProblems(create.error, ['name', 'role', 'email', 'employeeNo', 'passphrase', 'algorithm']);
  const employeeNoMissing = role === 'manager' && employeeNo.trim() === '';

  const tooShort = passphrase.length < MIN_PASSPHRASE;
  const mismatch = passphrase !== passphrase2;
  const passError = (submitted || passphrase.length > 0) && tooShort ? t.signing.passphraseShort : at('passphrase');
  const pass2Error = mismatch && (submitted || (passphrase2.length > 0 && passphrase2.length >= passphrase.length)) ? t.signing.passphraseMismatch : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (tooShort || mismatch || name.trim() === '' || employeeNoMissing) return;
    const created = await create.run();
    if (created) {
      setPassphrase('');
      setPassphrase2('');
      onCreated(created);
    }
  };

  return (
    <Dialog open onClose={create.busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{t.signing.createTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t.signing.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              error={Boolean(at('name')) || (submitted && name.trim() === '')}
              helperText={at('name')}
              slotProps={field('identity-create-name')}
            />
            <SelectField
              label={t.signing.role}
              value={role}
              onChange={(v) => setRole(v as ChainRole)}
              options={CHAIN_ROLES.map((r) => ({ value: r, label: t.chainRoles[r] }))}
              testId="identity-create-role"
              error={Boolean(at('role'))}
              helperText={at('role')}
            />
            <TextField
              label={role === 'manager' ? t.signing.employeeNo : t.common.optionalField(t.signing.employeeNo)}
              value={employeeNo}
              onChange={(e) => setEmployeeNo(e.target.value)}
              required={role === 'manager'}
              error={Boolean(at('employeeNo')) || (submitted && employeeNoMissing)}
              helperText={at('employeeNo') ?? (role === 'manager' ? t.signing.employeeNoManager : t.signing.employeeNoOther)}
              slotProps={{ htmlInput: { 'data-testid': 'identity-create-employee-no', maxLength: 20 } }}
            />
            <TextField
              type="email"
              label={t.common.optionalField(t.signing.email)}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={Boolean(at('email'))}
              helperText={at('email')}
              slotProps={field('identity-create-email')}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                type="password"
                label={t.signing.passphrase}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                required
                autoFocus
                autoComplete="new-password"
                error={Boolean(passError)}
                helperText={passError ?? ' '}
                sx={{ flex: 1 }}
                slotProps={field('identity-create-passphrase')}
              />
              <TextField
                type="password"
                label={t.signing.passphrase2}
                value={passphrase2}
                onChange={(e) => setPassphrase2(e.target.value)}
                required
                autoComplete="new-password"
                error={Boolean(pass2Error)}
                helperText={pass2Error ?? ' '}
                sx={{ flex: 1 }}
                slotProps={field('identity-create-passphrase2')}
              />
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {t.signing.passphraseHint}
            </Typography>
            <SelectField
              label={t.signing.algorithm}
              value={algorithm}
              onChange={(v) => setAlgorithm(v as Algorithm)}
              options={ALGORITHMS.map((a) => ({ value: a, label: t.signing.algorithms[a] }))}
              testId="identity-create-algorithm"
              error={Boolean(at('algorithm'))}
              helperText={at('algorithm')}
            />
            {elsewhere && <FailureAlert error={create.error} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={create.busy}>
            {t.common.cancel}
          </Button>
          <Button type="submit" variant="contained" disabled={create.busy} data-testid="identity-create-save">
            {create.busy ? t.signing.creating : t.signing.create}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function ImportIdentityDialog({ onClose, onImported }: { onClose: () => void; onImported: (identity: IdentityInfo) => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [role, setRole] = useState<ChainRole | ''>('');
  const importer = useAction(async (chosen: File) =>
    invoke('identities.import', { fileName: chosen.name, dataBase64: await readAsBase64(chosen), passphrase, ...(role ? { role } : {}) }),
  );
  const { at, elsewhere } = useFieldProblems(importer.error, ['dataBase64', 'fileName', 'passphrase', 'role']);

  const choose = (chosen: File | undefined) => {
    importer.clearError();
    setFileError(null);
    setFile(null);
    if (!chosen) return;
    if (!hasExtension(chosen.name, P12_ACCEPT)) return setFileError(t.signing.wrongType(P12_ACCEPT));
    setFile(chosen);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || passphrase === '') return;
    const imported = await importer.run(file);
    if (imported) {
      setPassphrase('');
      onImported(imported);
    }
  };

  const fileProblem = fileError ?? at('dataBase64') ?? at('fileName');
  return (
    <Dialog open onClose={importer.busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{t.signing.importTitle}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack spacing={0.5}>
              <Typography variant="body2" color="text.secondary">
                {t.signing.importFile}
              </Typography>
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
                <Button variant="outlined" onClick={() => input.current?.click()}>
                  {t.signing.chooseFile}
                </Button>
                <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                  {file?.name ?? t.signing.noFile}
                </Typography>
              </Stack>
              <input
                ref={input}
                type="file"
                accept={P12_ACCEPT}
                hidden
                data-testid="identity-import-input"
                onChange={(e) => {
                  choose(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
              {fileProblem && (
                <Typography variant="caption" color="error">
                  {fileProblem}
                </Typography>
              )}
            </Stack>
            <TextField
              type="password"
              label={t.signing.passphrase}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              required
              autoComplete="current-password"
              error={Boolean(at('passphrase'))}
              helperText={at('passphrase')}
              slotProps={field('identity-import-passphrase')}
            />
            <SelectField
              label={t.signing.trustRole}
              value={role}
              onChange={(v) => setRole(v as ChainRole | '')}
              options={[{ value: '', label: t.signing.roleFromCert }, ...CHAIN_ROLES.map((r) => ({ value: r, label: t.chainRoles[r] }))]}
              testId="identity-import-role"
              error={Boolean(at('role'))}
              helperText={at('role')}
            />
            {elsewhere && <FailureAlert error={importer.error} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={importer.busy}>
            {t.common.cancel}
          </Button>
          <Button type="submit" variant="contained" disabled={importer.busy || !file || passphrase === ''} data-testid="identity-import-save">
            {importer.busy ? t.signing.importing : t.signing.import}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
