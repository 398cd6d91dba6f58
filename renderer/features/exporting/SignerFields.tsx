/**
 * The fields both export dialogs share: which of this app's signing identities signs, its
 * passphrase (kept in the dialog's state only) and the language of the PDF. With no identity,
 * says so and links to the Signatures tab.
 */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { Ref } from 'react';
import { LANGUAGES, type ChainRole, type IdentityInfo, type Language } from '../../../shared/api/types.ts';
import type { Problem } from '../../../shared/problems.ts';
import { ApiError } from '../../api/client.ts';
import type { Loaded } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { problemsOf } from '../../app/problems.ts';
import { routeHash } from '../../app/route.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useT } from '../../i18n/index.tsx';
import { shortFingerprint } from '../signing/files.ts';

export interface SignerChoice {
  fingerprint: string;
  passphrase: string;
  language: Language;
}

/** The problem a failed export found with the passphrase (it does not open the identity), or null. */
export function passphraseProblem(error: unknown): Problem | null {
  return problemsOf(error).find((p) => p.field === 'passphrase') ?? null;
}

/**
 * A failed export. A wrong passphrase shows the backend's words for it under a title that says
 * nothing was signed (the problem carries no value, the passphrase is never echoed, so the
 * generic "field: missing" form would mislead); anything else as FailureAlert shows it.
 */
export function ExportFailure({ error }: { error: ApiError | null }) {
  const t = useT();
  const problem = passphraseProblem(error);
  if (problem) return <FailureAlert error={new ApiError({ kind: 'input', message: problem.expected })} title={t.exporting.wrongPassphrase} />;
  return <FailureAlert error={error} />;
}

/** The identity to offer first: one of `role` (the step that signs), else the first. */
export function preferredIdentity(identities: readonly IdentityInfo[], role: ChainRole | undefined): string {
  return (identities.find((i) => i.role === role) ?? identities[0])?.fingerprint ?? '';
}

export function SignerFields({
  identities,
  value,
  onChange,
  passphraseError,
  passphraseRef,
  disabled,
}: {
  identities: Loaded<IdentityInfo[]>;
  value: SignerChoice;
  onChange: (change: Partial<SignerChoice>) => void;
  /** The backend found the passphrase wrong: the field is marked. */
  passphraseError?: boolean;
  passphraseRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}) {
  const t = useT();
  if (identities.error) return <FailureAlert error={identities.error} onRetry={identities.reload} />;
  if (!identities.data) return <LinearProgress />;
  if (identities.data.length === 0) {
    return (
      <Alert severity="info" data-testid="export-no-identity">
        {t.exporting.noIdentity}{' '}
        <Link href={routeHash({ screen: 'signatures' })} data-testid="export-to-signatures">
          {t.exporting.toSignatures}
        </Link>
      </Alert>
    );
  }
  return (
    <Stack spacing={2}>
      <SelectField
        label={t.exporting.identity}
        value={value.fingerprint}
        onChange={(fingerprint) => onChange({ fingerprint })}
        options={identities.data.map((i) => ({ value: i.fingerprint, label: t.exporting.identityOption(i.name, t.chainRoles[i.role], shortFingerprint(i.fingerprint)) }))}
        testId="export-identity"
        disabled={disabled}
        fullWidth
      />
      <TextField
        type="password"
        label={t.exporting.passphrase}
        value={value.passphrase}
        onChange={(e) => onChange({ passphrase: e.target.value })}
        required
        autoFocus
        autoComplete="current-password"
        error={passphraseError}
        helperText={t.exporting.passphraseHint}
        disabled={disabled}
        inputRef={passphraseRef}
        slotProps={{ htmlInput: { 'data-testid': 'export-passphrase' }, formHelperText: { error: false } }}
        fullWidth
      />
      <SelectField
        label={t.exporting.language}
        value={value.language}
        onChange={(language) => onChange({ language: language as Language })}
        options={LANGUAGES.map((l) => ({ value: l, label: t.app.languages[l] }))}
        testId="export-language"
        disabled={disabled}
        fullWidth
      />
    </Stack>
  );
}
