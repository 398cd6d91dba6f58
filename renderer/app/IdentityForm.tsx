/** Who is using this copy: name, chain role and (for a regional manager) region. Saved with user.set. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { CHAIN_ROLES, type ChainRole, type Region, type User } from '../../shared/api/types.ts';
import { invoke } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { FailureAlert, problemText } from './FailureAlert.tsx';
import { problemsAt, problemsOf } from './problems.ts';
import { SelectField } from './SelectField.tsx';
import { useT } from '../i18n/index.tsx';

export function IdentityForm({
  initial,
  regions,
  submitLabel,
  onSaved,
}: {
  initial: User | null;
  regions: readonly Region[];
  submitLabel: string;
  onSaved: (user: User) => void | Promise<void>;
}) {
  const t = useT();
  const [name, setName] = useState(initial?.name ?? '');
  const [chainRole, setChainRole] = useState<ChainRole>(initial?.chainRole ?? 'manager');
  const [regionId, setRegionId] = useState<number | null>(initial?.regionId ?? null);
  const [touched, setTouched] = useState(false);
  const save = useAction(async (user: User) => {
    const saved = await invoke('user.set', user);
    await onSaved(saved);
    return saved;
  });

  const active = regions.filter((r) => r.active || r.id === regionId);
  const needsRegion = chainRole === 'manager';
  const nameMissing = name.trim() === '';
  const regionMissing = needsRegion && regionId === null;
  const problems = problemsOf(save.error);
  const fieldError = (field: string) => problemsAt(problems, field).map((p) => problemText(p, t, false))[0];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (nameMissing || regionMissing) return;
    void save.run({ name: name.trim(), chainRole, regionId });
  };

  const nameError = (touched && nameMissing) || Boolean(fieldError('name'));
  const regionError = (touched && regionMissing) || Boolean(fieldError('regionId'));
  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate>
      <TextField
        label={t.setup.name}
        value={name}
        required
        autoFocus={!initial}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
        helperText={fieldError('name')}
        slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'identity-name' } }}
      />
      <SelectField
        label={t.setup.chainRole}
        value={chainRole}
        onChange={(v) => setChainRole(v as ChainRole)}
        options={CHAIN_ROLES.map((r) => ({ value: r, label: t.chainRoles[r] }))}
        testId="identity-role"
        error={Boolean(fieldError('chainRole'))}
        helperText={fieldError('chainRole')}
      />
      <SelectField
        label={t.setup.region}
        value={regionId === null ? '' : String(regionId)}
        onChange={(v) => setRegionId(v === '' ? null : Number(v))}
        options={[{ value: '', label: t.common.noneOption }, ...active.map((r) => ({ value: String(r.id), label: `${r.name} (${r.code})` }))]}
        testId="identity-region"
        required={needsRegion}
        error={regionError}
        helperText={fieldError('regionId') ?? (needsRegion ? t.setup.regionHelp : t.common.optional)}
      />
      {needsRegion && regions.length === 0 && <Alert severity="info">{t.setup.noRegions}</Alert>}
      {save.error && problems.length === 0 && <FailureAlert error={save.error} />}
      <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
        <Button type="submit" variant="contained" size="medium" disabled={save.busy} data-testid="identity-save">
          {save.busy ? t.common.saving : submitLabel}
        </Button>
      </Stack>
    </Stack>
  );
}
