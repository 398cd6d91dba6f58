/** The inputs of one rubric item, one component per kind of field its rule takes. */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { leafItems, type Grade, type IncidentKind } from '../../../shared/rubric/schema.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/scoring/input.ts';
import { problemText } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { AddIcon, DeleteIcon } from '../../app/icons.tsx';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { paths, setItemField, type DraftIncident } from './draft.ts';
import { NumberInput } from '../../app/NumberInput.tsx';
import { useDraftItem, useProblems, useSheet } from './SheetContext.ts';

/** The first problem at a path, in words, for a helper text. */
function useFieldError(path: string): string | undefined {
  const { t } = useI18n();
  const [first] = useProblems(path, true);
  return first ? problemText(first, t, false) : undefined;
}

/** Set one field of an item (or gate) in the draft. */
function useSetField(id: string) {
  const { update } = useSheet();
  return (field: string, value: unknown) => update((d) => setItemField(d, id, field, value));
}

export function CheckControl({ id, field, label }: { id: string; field: 'violated' | 'falsified'; label: string }) {
  const value = useDraftItem(id)[field];
  const set = useSetField(id);
  const error = useFieldError(paths.field(id, field));
  return (
    <FormControl error={Boolean(error)} sx={{ flexShrink: 0 }}>
      <FormControlLabel
        label={label}
        control={
          <Checkbox
            checked={value === true}
            onChange={(e) => set(field, e.target.checked)}
            color="error"
            slotProps={{ input: { 'data-testid': `input-${id}-${field}` } as object }}
          />
        }
      />
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

export function CounterControl({ id, max, label }: { id: string; max: number; label: string }) {
  const value = useDraftItem(id).occurrences;
  const set = useSetField(id);
  const error = useFieldError(paths.field(id, 'occurrences'));
  return (
    <NumberInput
      value={value}
      onChange={(v) => set('occurrences', v)}
      label={label}
      testId={`input-${id}-occurrences`}
      min={0}
      max={max}
      integer
      emptyText="0"
      stepper
      width={90}
      error={error}
    />
  );
}

export function PointsControl({ id, max }: { id: string; max: number }) {
  const { t } = useI18n();
  const value = useDraftItem(id).points;
  const set = useSetField(id);
  const error = useFieldError(paths.field(id, 'points'));
  return (
    <NumberInput
      value={value}
      onChange={(v) => set('points', v)}
      label={t.sheet.judged(String(max))}
      testId={`input-${id}-points`}
      min={0}
      max={max}
      emptyValue={max}
      placeholder={String(max)}
      error={error}
      width={130}
    />
  );
}

function gradeLabel(g: Grade, title: string): string {
  if ('zero' in g) return `${title} (0)`;
  if ('range' in g) return `${title} (−${g.range.min}…−${g.range.max})`;
  return g.deduction === 0 ? title : `${title} (−${g.deduction})`;
}

/**
 * One width for every grade select of the sheet: the longest grade label of the rubric shows
 * whole, and the note fields after the selects line up.
 */
function useGradeSelectWidth(): number {
  const { t, text } = useI18n();
  const { record } = useSheet();
  const fit = useFit();
  return useMemo(() => {
    const labels = [t.sheet.gradeNone];
    for (const { item } of leafItems(record.rubric.items)) {
      if (item.rule.kind === 'grade') labels.push(...item.rule.grades.map((g) => gradeLabel(g, text(g.title))));
    }
    return fit.select(labels);
  }, [record.rubric, t, text, fit]);
}

export function GradeControl({ id, grades }: { id: string; grades: readonly Grade[] }) {
  const { t, text } = useI18n();
  const { update } = useSheet();
  const width = useGradeSelectWidth();
  const item = useDraftItem(id);
  const gradeError = useFieldError(paths.field(id, 'grade'));
  const deductionError = useFieldError(paths.field(id, 'deduction'));
  const chosen = grades.find((g) => g.id === item.grade);
  const range = chosen && 'range' in chosen ? chosen.range : null;

  const choose = (gradeId: string) => {
    const next = grades.find((g) => g.id === gradeId);
    update((d) => {
      let out = setItemField(d, id, 'grade', gradeId);
      if (next && 'range' in next) {
        const current = d.items[id]?.deduction;
        const inRange = typeof current === 'number' && current >= next.range.min && current <= next.range.max;
        out = setItemField(out, id, 'deduction', inRange ? current : next.range.min);
      } else {
        out = setItemField(out, id, 'deduction', undefined);
      }
      return out;
    });
  };

  return (
    <Stack direction="row" spacing={1} sx={{ flexShrink: 0, maxWidth: '100%', alignItems: 'flex-start' }}>
      <SelectField
        label={t.sheet.grade}
        value={typeof item.grade === 'string' ? item.grade : ''}
        onChange={choose}
        options={[{ value: '', label: t.sheet.gradeNone }, ...grades.map((g) => ({ value: g.id, label: gradeLabel(g, text(g.title)) }))]}
        testId={`input-${id}-grade`}
        error={Boolean(gradeError)}
        helperText={gradeError}
        sx={{ width, maxWidth: '100%', minWidth: 0 }}
      />
      {range && (
        <NumberInput
          value={item.deduction}
          onChange={(v) => update((d) => setItemField(d, id, 'deduction', v))}
          label={t.sheet.gradeDeduction(String(range.min), String(range.max))}
          testId={`input-${id}-deduction`}
          min={range.min}
          max={range.max}
          error={deductionError}
          width={140}
        />
      )}
    </Stack>
  );
}

/** `severe`: the item's rule has a severeFlag, so each incident may be marked severe (no points, the sheet's flag). */
export function IncidentsControl({ id, kinds, severe = false }: { id: string; kinds: readonly IncidentKind[]; severe?: boolean }) {
  const { t } = useI18n();
  const { update } = useSheet();
  const raw = useDraftItem(id).incidents;
  const list: DraftIncident[] = Array.isArray(raw) ? (raw as DraftIncident[]) : [];
  const [added, setAdded] = useState<number | null>(null);
  const listError = useFieldError(paths.field(id, 'incidents'));

  const write = (next: DraftIncident[]) => update((d) => setItemField(d, id, 'incidents', next));
  const change = (i: number, patch: Partial<DraftIncident>) => write(list.map((inc, j) => (j === i ? withoutNeutral({ ...inc, ...patch }) : inc)));
  const add = () => {
    const kind = kinds[0]!;
    setAdded(list.length);
    write([...list, { kind: kind.id, deduction: kind.min }]);
  };
  const remove = (i: number) => write(list.filter((_, j) => j !== i));

  return (
    <Stack spacing={1} sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary">
        {t.sheet.incidents}
        {list.length === 0 && ` · ${t.sheet.noIncidents}`}
      </Typography>
      {list.map((inc, i) => (
        <IncidentRow
          key={i}
          id={id}
          index={i}
          incident={inc}
          kinds={kinds}
          severe={severe}
          autoFocus={added === i}
          onChange={(patch) => change(i, patch)}
          onRemove={() => remove(i)}
        />
      ))}
      {listError && <FormHelperText error>{listError}</FormHelperText>}
      <div>
        <Button startIcon={<AddIcon />} onClick={add} data-testid={`input-${id}-incidents-add`}>
          {t.sheet.addIncident}
        </Button>
      </div>
    </Stack>
  );
}

/** The incident without an empty note or an unticked "severe" (an untouched incident stays as it was). */
function withoutNeutral(inc: DraftIncident): DraftIncident {
  const rest = { ...inc };
  if (rest.note !== undefined && rest.note.trim() === '') delete rest.note;
  if (rest.severe === false) delete rest.severe;
  return rest;
}

function IncidentRow({
  id,
  index,
  incident,
  kinds,
  severe,
  autoFocus,
  onChange,
  onRemove,
}: {
  id: string;
  index: number;
  incident: DraftIncident;
  kinds: readonly IncidentKind[];
  severe: boolean;
  autoFocus: boolean;
  onChange: (patch: Partial<DraftIncident>) => void;
  onRemove: () => void;
}) {
  const { t, text } = useI18n();
  const fit = useFit();
  const kindLabel = (k: IncidentKind) => `${text(k.title)} (${k.min}–${k.max})`;
  const kindWidth = useMemo(() => fit.select(kinds.map((k) => `${text(k.title)} (${k.min}–${k.max})`)), [fit, kinds, text]);
  const kind = kinds.find((k) => k.id === incident.kind);
  const kindError = useFieldError(paths.incident(id, index, 'kind'));
  const deductionError = useFieldError(paths.incident(id, index, 'deduction'));
  const noteError = useFieldError(paths.incident(id, index, 'note'));
  const severeError = useFieldError(paths.incident(id, index, 'severe'));
  const prefix = `input-${id}-incidents-${index}`;

  const chooseKind = (kindId: string) => {
    const next = kinds.find((k) => k.id === kindId);
    const d = incident.deduction;
    const fits = next && typeof d === 'number' && d >= next.min && d <= next.max;
    onChange({ kind: kindId, deduction: fits || !next ? d : next.min });
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
      <SelectField
        label={t.sheet.incidentKind}
        value={incident.kind}
        onChange={chooseKind}
        options={kinds.map((k) => ({ value: k.id, label: kindLabel(k) }))}
        testId={`${prefix}-kind`}
        error={Boolean(kindError)}
        helperText={kindError}
        autoFocus={autoFocus}
        sx={{ width: kindWidth, maxWidth: '100%' }}
      />
      <NumberInput
        value={incident.deduction}
        onChange={(v) => onChange({ deduction: v })}
        label={kind ? t.sheet.incidentDeduction(String(kind.min), String(kind.max)) : t.sheet.deduction}
        testId={`${prefix}-deduction`}
        min={kind?.min ?? 0}
        max={kind?.max ?? 100}
        error={deductionError}
        width={130}
      />
      <TextField
        label={t.sheet.incidentNote}
        value={incident.note ?? ''}
        onChange={(e) => onChange({ note: e.target.value })}
        error={Boolean(noteError)}
        helperText={noteError}
        sx={{ flex: 1, minWidth: 160 }}
        slotProps={{ htmlInput: { maxLength: MAX_NOTE_LENGTH, 'data-testid': `${prefix}-note` } }}
      />
      {(severe || incident.severe !== undefined) && (
        <FormControl error={Boolean(severeError)} sx={{ flexShrink: 0 }}>
          <Tooltip title={t.sheet.severeHint}>
            <FormControlLabel
              label={t.sheet.severe}
              control={
                <Checkbox
                  checked={incident.severe === true}
                  onChange={(e) => onChange({ severe: e.target.checked })}
                  color="error"
                  slotProps={{ input: { 'data-testid': `${prefix}-severe` } as object }}
                />
              }
            />
          </Tooltip>
          {severeError && <FormHelperText>{severeError}</FormHelperText>}
        </FormControl>
      )}
      <Tooltip title={t.sheet.removeIncident}>
        <IconButton aria-label={t.sheet.removeIncident} onClick={onRemove} data-testid={`${prefix}-remove`} sx={{ mt: 0.5 }}>
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

export function NoteField({ id }: { id: string }) {
  const { t } = useI18n();
  const value = useDraftItem(id).note;
  const set = useSetField(id);
  const error = useFieldError(paths.field(id, 'note'));
  return (
    <TextField
      label={t.sheet.note}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => set('note', e.target.value)}
      error={Boolean(error)}
      helperText={error}
      multiline
      maxRows={4}
      sx={{ flex: 1, minWidth: 200 }}
      slotProps={{ htmlInput: { maxLength: MAX_NOTE_LENGTH, 'data-testid': `input-${id}-note` } }}
    />
  );
}
