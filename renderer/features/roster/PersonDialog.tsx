/** Add or edit a person: employee no., name, role, region, manager, first and last month. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { Person, Region } from '../../../shared/api/types.ts';
import { ROLE_IDS, type RoleId } from '../../../shared/rubric/schema.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { problemsAt, problemsOf } from '../../app/problems.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useT } from '../../i18n/index.tsx';
import { currentPeriod } from './months.ts';

export function PersonDialog({
  person,
  people,
  regions,
  onClose,
  onSaved,
}: {
  person: Person | null;
  people: readonly Person[];
  regions: readonly Region[];
  onClose: () => void;
  onSaved: (person: Person) => void;
}) {
  const t = useT();
  const [employeeNo, setEmployeeNo] = useState(person?.employeeNo ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<RoleId>(person?.role ?? 'salesperson');
  const [regionId, setRegionId] = useState<number | null>(person?.regionId ?? null);
  const [managerId, setManagerId] = useState<number | null>(person?.managerId ?? null);
  const [activeFrom, setActiveFrom] = useState(person?.activeFrom ?? currentPeriod());
  const [activeTo, setActiveTo] = useState(person?.activeTo ?? '');
  const save = useAction(() =>
    invoke('people.save', {
      ...(person ? { id: person.id } : {}),
      employeeNo: employeeNo.trim(),
      name: name.trim(),
      role,
      regionId,
      managerId,
      activeFrom,
      activeTo: activeTo === '' ? null : activeTo,
    }),
  );
  const problems = problemsOf(save.error);
  const error = (field: string) => problemsAt(problems, field).map((p) => problemText(p, t, false))[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save.run();
    if (saved) onSaved(saved);
  };

  const managers = people.filter((p) => p.id !== person?.id && (p.activeTo === null || p.id === managerId));
  const regionOptions = regions.filter((r) => r.active || r.id === regionId);
  const field = (testId: string) => ({ htmlInput: { 'data-testid': testId } });

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{person ? t.roster.editPerson : t.roster.addPerson}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack direction="row" spacing={2}>
              <TextField
                label={t.roster.employeeNo}
                value={employeeNo}
                onChange={(e) => setEmployeeNo(e.target.value)}
                required
                autoFocus
                error={Boolean(error('employeeNo'))}
                helperText={error('employeeNo')}
                sx={{ width: 160 }}
                slotProps={field('person-employeeNo')}
              />
              <TextField
                label={t.roster.name}
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                error={Boolean(error('name'))}
                helperText={error('name')}
                sx={{ flex: 1 }}
                slotProps={field('person-name')}
              />
            </Stack>
            <SelectField
              label={t.roster.role}
              value={role}
              onChange={(v) => setRole(v as RoleId)}
              options={ROLE_IDS.map((r) => ({ value: r, label: t.roles[r] }))}
              testId="person-role"
              error={Boolean(error('role'))}
              helperText={error('role')}
            />
            <SelectField
              label={t.roster.region}
              value={regionId === null ? '' : String(regionId)}
              onChange={(v) => setRegionId(v === '' ? null : Number(v))}
              options={[{ value: '', label: t.common.noneOption }, ...regionOptions.map((r) => ({ value: String(r.id), label: `${r.name} (${r.code})` }))]}
              testId="person-region"
              error={Boolean(error('regionId'))}
              helperText={error('regionId')}
            />
            <SelectField
              label={t.roster.manager}
              value={managerId === null ? '' : String(managerId)}
              onChange={(v) => setManagerId(v === '' ? null : Number(v))}
              options={[
                { value: '', label: t.common.noneOption },
                ...managers.map((p) => ({ value: String(p.id), label: `${p.name} (${p.employeeNo}, ${t.roles[p.role]})` })),
              ]}
              testId="person-manager"
              error={Boolean(error('managerId'))}
              helperText={error('managerId')}
            />
            <Stack direction="row" spacing={2}>
              <TextField
                type="month"
                label={t.roster.activeFrom}
                value={activeFrom}
                onChange={(e) => setActiveFrom(e.target.value)}
                required
                error={Boolean(error('activeFrom'))}
                helperText={error('activeFrom')}
                sx={{ flex: 1 }}
                slotProps={{ inputLabel: { shrink: true }, ...field('person-activeFrom') }}
              />
              <TextField
                type="month"
                label={t.common.optionalField(t.roster.activeTo)}
                value={activeTo}
                onChange={(e) => setActiveTo(e.target.value)}
                error={Boolean(error('activeTo'))}
                helperText={error('activeTo')}
                sx={{ flex: 1 }}
                slotProps={{ inputLabel: { shrink: true }, ...field('person-activeTo') }}
              />
            </Stack>
            {save.error && (problems.length === 0 || problems.some((p) => !['employeeNo', 'name', 'role', 'regionId', 'managerId', 'activeFrom', 'activeTo'].includes(p.field))) && (
              <FailureAlert error={save.error} />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t.common.cancel}</Button>
          <Button type="submit" variant="contained" disabled={save.busy} data-testid="person-save">
            {save.busy ? t.common.saving : t.common.save}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
