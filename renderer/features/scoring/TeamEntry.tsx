/**
 * The team entry view: one row per person of the month with one rubric, the items a manager
 * touches most as columns (shared/rubric/team-columns.ts, adjustable and remembered per rubric),
 * the daily and monthly totals scored live by the shared engine. Enter (or typing) edits a cell,
 * which is checked and saved at once; Shift+Enter opens the full sheet; Shift+Space / Ctrl+A select
 * and Ctrl+Shift+Enter marks the selected sheets ready in one call (sheets.saveMany).
 * Loaded lazily (its own chunk, with the DataGrid).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, gridExpandedSortedRowIdsSelector, useGridApiRef, type GridColDef } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MonthRow, SheetRecord } from '../../../shared/api/types.ts';
import type { Problem } from '../../../shared/problems.ts';
import { teamCellField, teamColumnChoices, teamColumns } from '../../../shared/rubric/team-columns.ts';
import { leafItems, type ItemNode, type RoleId, type Rubric } from '../../../shared/rubric/schema.ts';
import { isEditable } from '../../../shared/sheet-status.ts';
import { parseTypedNumber } from '../../../shared/number-text.ts';
import { scoreSheet } from '../../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../../shared/scoring/input.ts';
import { ApiError, invoke } from '../../api/client.ts';
import { failureText, problemText } from '../../app/FailureAlert.tsx';
import { score } from '../../app/format.ts';
import { CheckIcon } from '../../app/icons.tsx';
import { StatusChip } from '../../app/StatusChip.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { candidateInput, draftFromInput, setItemField, toEntry } from './draft.ts';
import { gridMemory } from './monthGridState.ts';

/** One person's row: the sheet as stored, and the cells' values read from it. */
interface TeamRow {
  id: number;
  employeeNo: string;
  name: string;
  record: SheetRecord;
  /** The value of each item's cell, by item id. */
  values: Record<string, unknown>;
}

const ROLE_KEY = 'scorecard.team.role';
const columnsKey = (rubricId: string) => `scorecard.team.columns.${rubricId}`;

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered (private mode): the defaults next time.
  }
}

function rememberedColumns(rubricId: string): string[] | null {
  const saved = remembered(columnsKey(rubricId));
  if (!saved) return null;
  try {
    const list: unknown = JSON.parse(saved);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/** A cell's value from the stored sheet: ticked, a count, the points given (full marks when none), a grade ('' when none). */
function cellValue(item: ItemNode, record: SheetRecord): unknown {
  const recorded = record.input.items?.[item.id] as Record<string, unknown> | undefined;
  switch (teamCellField(item)) {
    case 'violated':
      return recorded?.violated === true;
    case 'falsified':
      return recorded?.falsified === true;
    case 'occurrences':
      return typeof recorded?.occurrences === 'number' ? recorded.occurrences : 0;
    case 'points':
      return typeof recorded?.points === 'number' ? recorded.points : item.points;
    case 'grade':
      return typeof recorded?.grade === 'string' ? recorded.grade : '';
    default:
      return null;
  }
}

function rowOf(person: MonthRow, record: SheetRecord): TeamRow {
  const values: Record<string, unknown> = {};
  for (const { item } of leafItems(record.rubric.items)) if (teamCellField(item)) values[item.id] = cellValue(item, record);
  return { id: person.personId, employeeNo: person.employeeNo, name: person.name, record, values };
}

/** Load the sheets of `people`, four at a time, reporting each as it arrives. */
async function loadSheets(period: string, people: readonly MonthRow[], onSheet: (record: SheetRecord) => void, live: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (live() && next < people.length) {
      const person = people[next++]!;
      const record = await invoke('sheets.get', { personId: person.personId, period });
      if (live()) onSheet(record);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export default function TeamEntry({
  period,
  rows: monthRows,
  onOpen,
  onChanged,
}: {
  period: string;
  rows: readonly MonthRow[];
  onOpen: (personId: number, order: number[]) => void;
  /** Sheets saved here, with their new status (the month's summary counts them at once). */
  onChanged: (saved: { personId: number; status: MonthRow['status'] }[]) => void;
}) {
  const { t, text } = useI18n();
  const apiRef = useGridApiRef();

  // The rubric (role) shown: the one remembered, else the role with the most people.
  const roles = useMemo(() => {
    const counts = new Map<RoleId, number>();
    for (const r of monthRows) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([role]) => role);
  }, [monthRows]);
  const [chosenRole, setChosenRole] = useState<string | null>(() => remembered(ROLE_KEY));
  const role = roles.find((r) => r === chosenRole) ?? roles[0] ?? null;
  const people = useMemo(() => monthRows.filter((r) => r.role === role), [monthRows, role]);

  const [records, setRecords] = useState<Map<number, SheetRecord>>(new Map());
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    setRecords(new Map());
    setLoadError(null);
    loadSheets(
      period,
      people,
      (record) => setRecords((m) => new Map(m).set(record.person.id, record)),
      () => live,
    ).catch((e: unknown) => live && setLoadError(e instanceof ApiError ? e : new ApiError({ kind: 'internal', message: String(e) })));
    return () => {
      live = false;
    };
  }, [period, people]);
  const loaded = people.length > 0 && records.size === people.length;

  const rows = useMemo<TeamRow[]>(() => (loaded ? people.map((p) => rowOf(p, records.get(p.personId)!)) : []), [loaded, people, records]);
  const rubric: Rubric | null = rows[0]?.record.rubric ?? null;

  const [chosenColumns, setChosenColumns] = useState<string[] | null>(null);
  useEffect(() => setChosenColumns(rubric ? rememberedColumns(rubric.id) : null), [rubric]);
  const shownItems = useMemo(() => {
    if (!rubric) return [];
    const byId = new Map(leafItems(rubric.items).map(({ item }) => [item.id, item]));
    return teamColumns(rubric, chosenColumns).map((id) => byId.get(id)!);
  }, [rubric, chosenColumns]);
  const [choosing, setChoosing] = useState(false);

  const [message, setMessage] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);

  const columns = useMemo<GridColDef<TeamRow>[]>(() => {
    const c = t.month.columns;
    const itemColumns = shownItems.map((item): GridColDef<TeamRow> => {
      const field = teamCellField(item)!;
      const base: GridColDef<TeamRow> = {
        field: `item:${item.id}`,
        headerName: text(item.title),
        description: `${text(item.title)} · ${item.id}`,
        flex: 1,
        minWidth: 96,
        editable: true,
        sortable: false,
        valueGetter: (_v, row) => row.values[item.id],
        valueSetter: (value, row) => ({ ...row, values: { ...row.values, [item.id]: value } }),
      };
      if (field === 'violated' || field === 'falsified') {
        // Ticked shows the word in red (a deduction); unticked shows nothing — not a cross that reads as "failed".
        const word = field === 'violated' ? t.sheet.violated : t.sheet.falsified;
        return {
          ...base,
          type: 'boolean',
          renderCell: ({ value }) => (value === true ? <Typography variant="body2" color="error" component="span" sx={{ fontWeight: 600 }}>{word}</Typography> : ''),
        };
      }
      if (field === 'grade' && item.rule.kind === 'grade') {
        return {
          ...base,
          type: 'singleSelect',
          valueOptions: [{ value: '', label: t.sheet.gradeNone }, ...item.rule.grades.map((g) => ({ value: g.id, label: text(g.title) }))],
        };
      }
      // A text input, not the browser's number input: no arrow key or wheel steps the value; the
      // text is read as the sheet's number fields read it, and text that is no number is refused by the rules.
      return { ...base, valueParser: (value: string) => parseTypedNumber(value) ?? null };
    });
    return [
      { field: 'employeeNo', headerName: c.employeeNo, width: 90 },
      { field: 'name', headerName: c.name, width: 100 },
      { field: 'status', headerName: c.status, width: 96, valueGetter: (_v, row) => row.record.status, renderCell: ({ row }) => <StatusChip status={row.record.status} /> },
      ...itemColumns,
      { field: 'absences', headerName: t.keys.absences, type: 'number', width: 86, valueGetter: (_v, row) => row.record.result.attendance.absentDays },
      { field: 'daily', headerName: t.keys.daily, type: 'number', width: 72, valueGetter: (_v, row) => row.record.result.dailyScore, valueFormatter: (v: number) => score(v) },
      {
        field: 'monthly',
        headerName: t.keys.total,
        type: 'number',
        width: 80,
        valueGetter: (_v, row) => row.record.result.monthlyScore,
        renderCell: ({ row }) => <strong data-testid={`team-total-${row.id}`}>{score(row.record.result.monthlyScore)}</strong>,
      },
    ];
  }, [shownItems, t, text]);

  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  /** A changed cell: checked by the shared rules and saved at once; refused with the rule, the row as it was. */
  const processRowUpdate = useCallback(
    async (next: TeamRow, previous: TeamRow): Promise<TeamRow> => {
      const record = previous.record;
      // Committed as it was (Enter without typing): nothing to save.
      if (Object.entries(next.values).every(([id, value]) => Object.is(value, previous.values[id]))) return previous;
      let draft = draftFromInput(record.input);
      const items = new Map(leafItems(record.rubric.items).map(({ item }) => [item.id, item]));
      for (const [id, value] of Object.entries(next.values)) {
        if (Object.is(value, previous.values[id])) continue;
        const item = items.get(id);
        const field = item && teamCellField(item);
        if (!item || !field) continue;
        const typed = value === null || (typeof value === 'number' && Number.isNaN(value)) ? undefined : value;
        draft = setItemField(draft, id, field, field === 'points' && typed === item.points ? undefined : typed);
        if (field === 'grade' && item.rule.kind === 'grade') {
          const grade = item.rule.grades.find((g) => g.id === typed);
          draft = setItemField(draft, id, 'deduction', grade && 'range' in grade ? grade.range.min : undefined);
        }
      }
      const checked = validateSheetInput(candidateInput(record, draft), [record.rubric]);
      if (!checked.ok) throw new CellRefused(next.name, checked.problems);
      const status = record.status === 'ready' ? 'ready' : 'draft';
      const saved = await invoke('sheets.save', { personId: record.person.id, period, entry: toEntry(draft), status, expectedRevision: record.revision });
      const stored: SheetRecord = { ...record, input: checked.input, result: scoreSheet(checked.input, checked.rubric), status: saved.status, revision: saved.revision, updatedAt: saved.updatedAt };
      setRecords((m) => new Map(m).set(record.person.id, stored));
      setMessage({ severity: 'success', text: t.keys.saved(next.name) });
      onChanged([{ personId: next.id, status: saved.status }]);
      return rowOf({ ...people.find((p) => p.personId === next.id)! }, stored);
    },
    [period, people, t, onChanged],
  );

  const onUpdateError = useCallback(
    (error: unknown) => {
      if (error instanceof CellRefused) {
        const titles = new Map(rubric ? leafItems(rubric.items).map(({ item }) => [item.id, text(item.title)]) : []);
        setMessage({ severity: 'error', text: `${error.person}: ${error.problems.map((p) => problemText(p, t, true, (id) => titles.get(id))).join('; ')}` });
      } else if (error instanceof ApiError) setMessage({ severity: 'error', text: failureText(error.failure, t) });
      else setMessage({ severity: 'error', text: String(error) });
    },
    [rubric, t, text],
  );

  const order = () => gridExpandedSortedRowIdsSelector(apiRef).map(Number);
  const open = (personId: number) => {
    gridMemory.lastOpened = personId;
    onOpen(personId, order());
  };

  const [marking, setMarking] = useState(false);
  /** Mark the selected sheets ready (the focused row's when none is selected), in one call. */
  const markReady = async () => {
    const api = apiRef.current;
    if (!api || marking) return;
    let ids = [...api.getSelectedRows().keys()].map(Number);
    const focused = api.state.focus.cell?.id;
    if (ids.length === 0 && focused !== undefined) ids = [Number(focused)];
    const chosen = ids.map((id) => byId.get(id)).filter((r): r is TeamRow => r !== undefined && r.record.status !== 'ready');
    const blocked = chosen.filter((r) => !isEditable(r.record.status) || !validateSheetInput(candidateInput(r.record, draftFromInput(r.record.input)), [r.record.rubric]).ok);
    const ready = chosen.filter((r) => !blocked.includes(r));
    if (blocked.length) setMessage({ severity: 'info', text: t.keys.skipped(blocked.map((r) => r.name).join(', ')) });
    if (!ready.length) return;
    setMarking(true);
    try {
      const result = await invoke('sheets.saveMany', {
        period,
        sheets: ready.map((r) => ({ personId: r.id, entry: toEntry(draftFromInput(r.record.input)), status: 'ready' as const, expectedRevision: r.record.revision })),
      });
      setRecords((m) => {
        const out = new Map(m);
        for (const s of result.saved) {
          const before = out.get(s.personId);
          if (before) out.set(s.personId, { ...before, status: s.status, revision: s.revision });
        }
        return out;
      });
      if (!blocked.length) setMessage({ severity: 'success', text: t.keys.markedReady(result.saved.length) });
      api.setRowSelectionModel({ type: 'include', ids: new Set() });
      onChanged(result.saved.map((x) => ({ personId: x.personId, status: x.status })));
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? failureText(e.failure, t) : String(e) });
    } finally {
      setMarking(false);
    }
  };
  const keys = useRef({ markReady });
  keys.current = { markReady };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key === 'Enter' && !document.querySelector('.MuiModal-root')) {
        e.preventDefault();
        if (!e.repeat) void keys.current.markReady();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Keyboard first: once the rows are here, the cursor is in the grid (on the person last opened, else the first).
  const focusedOnce = useRef(false);
  useEffect(() => {
    const api = apiRef.current;
    if (!api || !loaded || rows.length === 0 || focusedOnce.current) return;
    focusedOnce.current = true;
    const id = gridMemory.lastOpened !== null && byId.has(gridMemory.lastOpened) ? gridMemory.lastOpened : rows[0]!.id;
    const index = api.getRowIndexRelativeToVisibleRows(id);
    if (index !== undefined && index >= 0) api.scrollToIndexes({ rowIndex: index });
    api.setCellFocus(id, 'name');
  }, [apiRef, loaded, rows, byId]);

  const selectedCount = useSelectedCount(apiRef, rows);

  return (
    <Stack spacing={1} sx={{ height: '100%' }} data-testid="team-entry">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          select
          size="small"
          label={t.keys.role}
          value={role ?? ''}
          onChange={(e) => {
            setChosenRole(e.target.value);
            remember(ROLE_KEY, e.target.value);
            focusedOnce.current = false;
          }}
          sx={{ minWidth: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'team-role' } }}
        >
          {roles.map((r) => (
            <MenuItem key={r} value={r}>
              {t.roles[r]}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" onClick={() => setChoosing(true)} disabled={!rubric} data-testid="team-columns">
          {t.keys.columns}
        </Button>
        <Button
          variant="contained"
          color="success"
          startIcon={<CheckIcon />}
          onClick={() => void markReady()}
          disabled={!loaded || marking}
          title={t.keys.markReadyTip}
          data-testid="team-mark-ready"
        >
          {t.keys.markReady(selectedCount)}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="caption" color="text.secondary">
          {t.keys.teamHint}
        </Typography>
      </Stack>
      {loadError && <Alert severity="error">{failureText(loadError.failure, t)}</Alert>}
      {message && (
        <Alert severity={message.severity} onClose={() => setMessage(null)} role={message.severity === 'error' ? 'alert' : 'status'} data-testid="team-message" sx={{ py: 0 }}>
          {message.text}
        </Alert>
      )}
      {!loaded && people.length > 0 && !loadError && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {t.keys.loadingSheets(records.size, people.length)}
          </Typography>
          <LinearProgress variant="determinate" value={(records.size / people.length) * 100} />
        </Box>
      )}
      <Box sx={{ flexGrow: 1, minHeight: 300 }} data-testid="team-grid">
        <DataGrid
          apiRef={apiRef}
          rows={rows}
          columns={columns}
          loading={!loaded && people.length > 0}
          density="compact"
          checkboxSelection
          disableRowSelectionOnClick
          hideFooter={rows.length <= 100}
          isCellEditable={({ row }) => isEditable(row.record.status)}
          processRowUpdate={processRowUpdate}
          onProcessRowUpdateError={onUpdateError}
          onCellKeyDown={(params, event) => {
            if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || params.cellMode === 'edit') return;
            // Shift+Enter anywhere, or Enter on a cell that is not edited here: the full sheet.
            if (event.shiftKey || !params.isEditable) {
              event.preventDefault();
              (event as unknown as { defaultMuiPrevented: boolean }).defaultMuiPrevented = true;
              open(params.row.id);
            }
          }}
          onRowDoubleClick={({ row }) => open(row.id)}
          getRowClassName={({ row }) => `status-${row.record.status}`}
          columnHeaderHeight={52}
          sx={{
            bgcolor: 'background.paper',
            // Item titles are long: a header takes two lines before it is cut (its full title is its tooltip).
            '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600, whiteSpace: 'normal', lineHeight: 1.25, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' },
          }}
        />
      </Box>
      {rubric && (
        <ColumnsDialog
          open={choosing}
          rubric={rubric}
          shown={shownItems.map((i) => i.id)}
          onClose={(ids) => {
            setChoosing(false);
            if (ids === undefined) return;
            setChosenColumns(ids);
            remember(columnsKey(rubric.id), ids === null ? null : JSON.stringify(ids));
          }}
        />
      )}
    </Stack>
  );
}

/** A cell refused by the shared rules: who, and the problems (named at their fields in the message). */
class CellRefused extends Error {
  constructor(
    readonly person: string,
    readonly problems: Problem[],
  ) {
    super('refused');
  }
}

/** How many rows are selected (the grid's selection, counted as it changes). */
function useSelectedCount(apiRef: ReturnType<typeof useGridApiRef>, rows: readonly TeamRow[]): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const api = apiRef.current;
    if (!api) return undefined;
    return api.subscribeEvent('rowSelectionChange', () => setCount(api.getSelectedRows().size));
  }, [apiRef, rows]);
  return count;
}

/** Choose the columns: the rubric's items a cell holds; `null` when reset to the defaults, undefined when cancelled. */
function ColumnsDialog({ open, rubric, shown, onClose }: { open: boolean; rubric: Rubric; shown: string[]; onClose: (ids: string[] | null | undefined) => void }) {
  const { t, text } = useI18n();
  const choices = useMemo(() => teamColumnChoices(rubric), [rubric]);
  const [picked, setPicked] = useState<string[]>(shown);
  useEffect(() => {
    if (open) setPicked(shown);
  }, [open, shown]);
  return (
    <Dialog open={open} onClose={() => onClose(undefined)} data-testid="team-columns-dialog">
      <DialogTitle>{t.keys.columnsTitle}</DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2">{t.keys.columnsHelp}</DialogContentText>
        <Stack>
          {choices.map((item) => (
            <FormControlLabel
              key={item.id}
              label={text(item.title)}
              control={
                <Checkbox
                  checked={picked.includes(item.id)}
                  onChange={(e) => setPicked((p) => (e.target.checked ? choices.map((c) => c.id).filter((id) => id === item.id || p.includes(id)) : p.filter((id) => id !== item.id)))}
                  slotProps={{ input: { 'data-testid': `team-column-${item.id}` } as object }}
                />
              }
            />
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(null)}>{t.keys.columnsReset}</Button>
        <Button onClick={() => onClose(undefined)}>{t.common.cancel}</Button>
        <Button variant="contained" onClick={() => onClose(picked)} data-testid="team-columns-save">
          {t.common.save}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
