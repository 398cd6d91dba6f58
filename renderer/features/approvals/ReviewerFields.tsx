/**
 * Sign as whom: the user's signing identities for the step that signs next (identities.list),
 * and the passphrase (kept in the dialog's state only, never stored). Test ids `<prefix>-identity`,
 * `<prefix>-passphrase`, `<prefix>-no-identity`.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo } from 'react';
import type { ChainRole } from '../../../shared/api/types.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { problemsAt, problemsOf } from '../../app/problems.ts';
import { navigate } from '../../app/route.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useT } from '../../i18n/index.tsx';
import { shortFingerprint } from '../signing/files.ts';

/** The first message of a failed call about `field` (a wrong passphrase, say). */
export function useFieldError(error: unknown, field: string): string | undefined {
  const t = useT();
  const problem = problemsAt(problemsOf(error), field)[0];
  return problem ? problemText(problem, t, false) : undefined;
}

/** Whether every problem of a failed call is about one of `fields` (each shown next to its field). */
export function fieldsOnly(error: unknown, fields: readonly string[]): boolean {
  const problems = problemsOf(error);
  return problems.length > 0 && problems.every((p) => fields.includes(p.field));
}

export function ReviewerFields({
  prefix,
  step,
  fingerprint,
  onFingerprint,
  passphrase,
  onPassphrase,
  error,
  disabled,
}: {
  prefix: string;
  step: ChainRole;
  fingerprint: string;
  onFingerprint: (fingerprint: string) => void;
  passphrase: string;
  onPassphrase: (passphrase: string) => void;
  /** The failed call, for the passphrase's message. */
  error: unknown;
  disabled: boolean;
}) {
  const t = useT();
  const identities = useCall('identities.list', {});
  const mine = useMemo(() => (identities.data ?? []).filter((i) => i.role === step), [identities.data, step]);
  // The backend's only problem with a passphrase it was given: it does not open the identity.
  const passError = problemsAt(problemsOf(error), 'passphrase').length > 0 ? t.approvals.dialog.wrongPassphrase : undefined;

  useEffect(() => {
    if (mine.length > 0 && !mine.some((i) => i.fingerprint === fingerprint)) onFingerprint(mine[0]!.fingerprint);
  }, [mine, fingerprint, onFingerprint]);

  if (identities.error) return <FailureAlert error={identities.error} onRetry={identities.reload} />;
  if (identities.data && mine.length === 0) {
    return (
      <Alert
        severity="warning"
        data-testid={`${prefix}-no-identity`}
        action={
          <Button color="inherit" onClick={() => navigate({ screen: 'signatures' })} sx={{ whiteSpace: 'nowrap' }}>
            {t.approvals.dialog.toSignatures}
          </Button>
        }
      >
        {t.approvals.dialog.noIdentity(t.chainRoles[step])}
      </Alert>
    );
  }
  return (
    <>
      <SelectField
        label={t.approvals.dialog.identity(t.chainRoles[step])}
        value={fingerprint}
        onChange={onFingerprint}
        options={mine.map((i) => ({ value: i.fingerprint, label: `${i.name} · ${t.chainRoles[i.role]} · ${shortFingerprint(i.fingerprint)}` }))}
        testId={`${prefix}-identity`}
        disabled={disabled || !identities.data}
        fullWidth
      />
      <TextField
        type="password"
        label={t.signing.passphrase}
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        required
        autoComplete="current-password"
        disabled={disabled}
        error={Boolean(passError)}
        helperText={passError ?? t.approvals.dialog.passphraseHint}
        slotProps={{ htmlInput: { 'data-testid': `${prefix}-passphrase` } }}
        fullWidth
      />
    </>
  );
}
