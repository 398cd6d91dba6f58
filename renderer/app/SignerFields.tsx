/**
 * Sign as whom, in every dialog that signs (export a sheet or a month, approve or return a
 * received sheet): which of this app's signing identities, its passphrase (kept in the dialog's
 * state only, never stored) and, for a PDF to be made, its language. With no identity to offer,
 * says so and leads to the Signatures tab.
 *
 * `purpose` picks the words and what is offered: `export` offers every identity (those of `step`
 * first), `review` only those of `step`, the step that signs next. Test ids, for `testId` = p:
 * `p-identity`, `p-passphrase`, `p-language`, `p-no-identity`, `p-to-signatures`, `p-wrong-step`.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useRef, type Ref } from 'react';
import { LANGUAGES, type ChainRole, type IdentityInfo, type Language } from '../../shared/api/types.ts';
import type { Problem } from '../../shared/problems.ts';
import type { Loaded } from '../api/hooks.ts';
import { FailureAlert } from './FailureAlert.tsx';
import { problemsOf } from './problems.ts';
import { navigate, routeHash } from './route.ts';
import { SelectField } from './SelectField.tsx';
import { useT } from '../i18n/index.tsx';
import { shortFingerprint } from './files.ts';

/** The identity that signs and its passphrase. */
export interface Signer {
  fingerprint: string;
  passphrase: string;
}

/** An export's signer: also the language of the PDF. */
export interface SignerChoice extends Signer {
  language: Language;
}

/** The problem a failed call found with the passphrase (it does not open the identity), or null. */
export function passphraseProblem(error: unknown): Problem | null {
  return problemsOf(error).find((p) => p.field === 'passphrase') ?? null;
}

/** Whether the identity chosen is one of another step than `step`. */
export function signsOtherStep(identities: readonly IdentityInfo[] | undefined, fingerprint: string, step: ChainRole | undefined): boolean {
  const chosen = identities?.find((i) => i.fingerprint === fingerprint);
  return chosen !== undefined && chosen.role !== step;
}

/** The identity to offer first: one of `step`, else the first. */
function preferredIdentity(identities: readonly IdentityInfo[], step: ChainRole | undefined): string {
  return (identities.find((i) => i.role === step) ?? identities[0])?.fingerprint ?? '';
}

export function SignerFields({
  testId,
  purpose,
  identities,
  step,
  value,
  onChange,
  language = false,
  warnWrongStep = false,
  passphraseError,
  passphraseRef,
  autoFocus = false,
  disabled = false,
  unlocked = false,
}: {
  /** The prefix of the test ids. */
  testId: string;
  /** `export`: any identity, the words of an export; `review`: only identities of `step`. */
  purpose: 'export' | 'review';
  /** identities.list */
  identities: Loaded<IdentityInfo[]>;
  /** The step of the chain that signs: its identities are chosen first (review: the only ones offered). */
  step: ChainRole | undefined;
  value: Signer & { language?: Language };
  onChange: (change: Partial<SignerChoice>) => void;
  /** Offer the language of the PDF (`value.language`). */
  language?: boolean;
  /** Warn (`<testId>-wrong-step`) when the identity chosen is not one of `step`. */
  warnWrongStep?: boolean;
  /**
   * The passphrase does not open the identity: `true` marks the field (the dialog says why
   * elsewhere); a message also takes the hint's place under it.
   */
  passphraseError?: boolean | string;
  passphraseRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  disabled?: boolean;
  /** The identity chosen is unlocked for the session (app/unlocked.ts): no passphrase is asked (`<testId>-unlocked`). */
  unlocked?: boolean;
}) {
  const t = useT();
  const ts = t.signing.signer;
  const all = identities.data;
  const offered = useMemo(() => (purpose === 'review' ? (all ?? []).filter((i) => i.role === step) : (all ?? [])), [all, purpose, step]);

  // Choose the preferred identity once they are known (and again if the chosen one is not offered).
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (offered.length > 0 && !offered.some((i) => i.fingerprint === value.fingerprint)) onChangeRef.current({ fingerprint: preferredIdentity(offered, step) });
  }, [offered, value.fingerprint, step]);

  if (identities.error) return <FailureAlert error={identities.error} onRetry={identities.reload} />;
  if (!all) return <LinearProgress />;
  const stepName = step ? t.chainRoles[step] : '';
  if (offered.length === 0) {
    return purpose === 'export' ? (
      <Alert severity="info" data-testid={`${testId}-no-identity`}>
        {ts.export.noIdentity}{' '}
        <Link href={routeHash({ screen: 'signatures' })} data-testid={`${testId}-to-signatures`}>
          {ts.export.toSignatures}
        </Link>
      </Alert>
    ) : (
      <Alert
        severity="warning"
        data-testid={`${testId}-no-identity`}
        action={
          <Button color="inherit" onClick={() => navigate({ screen: 'signatures' })} data-testid={`${testId}-to-signatures`} sx={{ whiteSpace: 'nowrap' }}>
            {ts.review.toSignatures}
          </Button>
        }
      >
        {ts.review.noIdentity(stepName)}
      </Alert>
    );
  }

  const words =
    purpose === 'export'
      ? { identity: ts.export.identity, passphrase: ts.export.passphrase, hint: ts.export.passphraseHint }
      : { identity: ts.review.identity(stepName), passphrase: t.signing.passphrase, hint: ts.review.passphraseHint };
  const passphraseMessage = typeof passphraseError === 'string' ? passphraseError : undefined;
  return (
    <Stack spacing={2}>
      <SelectField
        label={words.identity}
        value={value.fingerprint}
        onChange={(fingerprint) => onChange({ fingerprint })}
        options={offered.map((i) => ({ value: i.fingerprint, label: ts.identityOption(i.name, t.chainRoles[i.role], shortFingerprint(i.fingerprint)) }))}
        testId={`${testId}-identity`}
        disabled={disabled}
        fullWidth
      />
      {unlocked ? (
        <Alert severity="success" data-testid={`${testId}-unlocked`}>
          {t.bulk.signerUnlocked(offered.find((i) => i.fingerprint === value.fingerprint)?.name ?? '')}
        </Alert>
      ) : (
        <TextField
          type="password"
          label={words.passphrase}
          value={value.passphrase}
          onChange={(e) => onChange({ passphrase: e.target.value })}
          required
          autoFocus={autoFocus}
          autoComplete="current-password"
          error={Boolean(passphraseError)}
          helperText={passphraseMessage ?? words.hint}
          disabled={disabled}
          inputRef={passphraseRef}
          slotProps={{ htmlInput: { 'data-testid': `${testId}-passphrase` }, formHelperText: { error: passphraseMessage !== undefined } }}
          fullWidth
        />
      )}
      {language && (
        <SelectField
          label={ts.language}
          value={value.language ?? ''}
          onChange={(l) => onChange({ language: l as Language })}
          options={LANGUAGES.map((l) => ({ value: l, label: t.app.languages[l] }))}
          testId={`${testId}-language`}
          disabled={disabled}
          fullWidth
        />
      )}
      {warnWrongStep && step && signsOtherStep(all, value.fingerprint, step) && (
        <Alert severity="warning" data-testid={`${testId}-wrong-step`}>
          {ts.wrongStep(stepName)}
        </Alert>
      )}
    </Stack>
  );
}
