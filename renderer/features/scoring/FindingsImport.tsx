/**
 * The departments' findings in the month screen: a button opens the import — the department, its
 * template, the files received this month, then choose or drop its CSV/XLSX → findings.preview
 * (every row with its outcome and problems, the people skipped, the sheets that need an
 * amendment, the values to choose) → Import (findings.import) once no row has a problem. The
 * values waiting for a choice are listed with their candidates side by side (findings.resolve).
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { useMemo, useRef, useState } from 'react';
import type { FindingConflict, FindingRow, FindingsImportResult, FindingsPreview } from '../../../shared/api/findings-types.ts';
import { DEPARTMENT_IDS, type DepartmentId } from '../../../shared/departments.ts';
import type { Choice } from '../../../shared/findings.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useLoad } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { FileImportPanel, ImportPreview, useFileImport, WrappedCell, type FileUpload } from '../../app/FileImport.tsx';
import { downloadFile } from '../../app/files.ts';
import { dateTime } from '../../app/format.ts';
import { rowProblemsText } from '../../app/ruleText.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Upload extends FileUpload {
  period: string;
  department: DepartmentId;
}

/**
 * The month screen's button and its panel: over the month grid, below the app bar (not modal: the
 * language and the tabs stay at hand), closed with its button or Esc.
 */
export function FindingsButton({ period, onImported }: { period: string; onImported: () => void }) {
  const { t } = useI18n();
  // The panel's top: just below the button (the month toolbar may wrap onto two lines).
  const [top, setTop] = useState<number | null>(null);
  const open = top !== null;
  const button = useRef<HTMLButtonElement>(null);
  const setOpen = (on: boolean) => setTop(on ? Math.round((button.current?.getBoundingClientRect().bottom ?? 104) + 8) : null);
  return (
    <>
      <Button ref={button} variant={open ? 'contained' : 'outlined'} onClick={() => setOpen(!open)} data-testid="findings-open" aria-expanded={open}>
        {t.findings.button}
      </Button>
      {open && (
        <Paper
          elevation={8}
          role="region"
          aria-label={t.findings.title(period)}
          data-testid="findings-dialog"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
          sx={{ position: 'fixed', top, left: 16, right: 16, bottom: 12, zIndex: 1000, display: 'flex', flexDirection: 'column' }}
        >
          <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
              {t.findings.title(period)}
            </Typography>
            <Button onClick={() => setOpen(false)} data-testid="findings-close">
              {t.common.close}
            </Button>
          </Stack>
          <Box sx={{ overflow: 'auto', p: 2, flexGrow: 1 }}>
            <FindingsImportPanel period={period} onImported={onImported} />
          </Box>
        </Paper>
      )}
    </>
  );
}

export function FindingsImportPanel({ period, onImported }: { period: string; onImported: () => void }) {
  const { t } = useI18n();
  const tf = t.findings;
  const [department, setDepartment] = useState<DepartmentId>('claims');
  const [result, setResult] = useState<FindingsImportResult | null>(null);
  const month = useLoad(`findings.month ${period}`, () => invoke('findings.month', { period }));
  const state = useFileImport({
    toUpload: (file): Upload => ({ ...file, period, department }),
    preview: (upload: Upload) => invoke('findings.preview', upload),
    commit: async (upload: Upload) => {
      const r = await invoke('findings.import', upload);
      setResult(r);
      return r;
    },
    onPreview: () => setResult(null),
    onImported: () => {
      month.reload();
      onImported();
    },
  });
  const template = useAction(async () => downloadFile(await invoke('findings.template', { period, department }), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
  const changeDepartment = (d: DepartmentId) => {
    setDepartment(d);
    if (state.upload) state.check({ ...state.upload, department: d });
  };
  const { preview, importer } = state;
  const received = month.data?.departments ?? [];

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="findings-received">
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
          {tf.received}
        </Typography>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
          {received.map((d) => (
            <Chip
              key={d.id}
              size="small"
              color={d.file ? 'success' : 'default'}
              variant={d.file ? 'filled' : 'outlined'}
              label={`${tf.departmentName(d.id)}: ${d.file ? tf.receivedFile(d.file.fileName, dateTime(d.file.importedAt)) : tf.notYet}`}
              data-testid={`findings-received-${d.id}`}
            />
          ))}
        </Stack>
      </Paper>
      <FileImportPanel
        state={state}
        prefix="findings"
        title={tf.importTitle}
        help={tf.help}
        helpMaxWidth={1000}
        controls={
          <>
            <SelectField
              label={tf.department}
              value={department}
              options={DEPARTMENT_IDS.map((id) => ({ value: id, label: tf.departmentName(id) }))}
              onChange={(v) => changeDepartment(v as DepartmentId)}
              testId="findings-department"
              size="small"
              sx={{ minWidth: 180 }}
            />
            <Button variant="outlined" onClick={() => void template.run()} disabled={template.busy} title={tf.templateTip} data-testid="findings-template">
              {tf.template}
            </Button>
          </>
        }
        doneText={tf.done}
      >
        <FailureAlert error={template.error} />
        {result && <ImportOutcome result={result} />}
        {preview && <PreviewTable preview={preview} busy={importer.busy} onConfirm={() => void state.confirm()} />}
      </FileImportPanel>
      {month.data && month.data.conflicts.length > 0 && (
        <Conflicts
          conflicts={month.data.conflicts}
          period={period}
          onChosen={() => {
            month.reload();
            onImported();
          }}
        />
      )}
      <FailureAlert error={month.error} onRetry={month.reload} />
    </Stack>
  );
}

/** After an import: who was skipped, which sheets need an amendment. */
function ImportOutcome({ result }: { result: FindingsImportResult }) {
  const { t } = useI18n();
  const tf = t.findings;
  return (
    <Stack spacing={1}>
      {result.skipped.length > 0 && (
        <Alert severity="info" data-testid="findings-skipped">
          <AlertTitle>{tf.skippedTitle(result.skipped.length)}</AlertTitle>
          {result.skipped.map((s) => `${s.employeeNo} ${s.name ?? ''}`).join(' · ')}
        </Alert>
      )}
      {result.needsAmendment.length > 0 && (
        <Alert severity="warning" data-testid="findings-amend">
          <AlertTitle>{tf.amendTitle(result.needsAmendment.length)}</AlertTitle>
          {result.needsAmendment.map((s) => tf.amendLine(s.employeeNo, s.name, tf.statusName(s.status))).join(' · ')}
        </Alert>
      )}
    </Stack>
  );
}

function PreviewTable({ preview, busy, onConfirm }: { preview: FindingsPreview; busy: boolean; onConfirm: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.findings;
  // The rows to look at first: problems, then values to choose, then the rest (empty template rows left out).
  const rows = useMemo(() => {
    const rank = (r: FindingRow) => (r.action === 'error' ? 0 : r.action === 'conflict' ? 1 : 2);
    return preview.rows.filter((r) => r.action !== 'blank').sort((a, b) => rank(a) - rank(b) || a.row - b.row);
  }, [preview.rows]);
  const columns = useMemo<GridColDef<FindingRow>[]>(
    () => [
      { field: 'row', headerName: tf.row, type: 'number', width: 60 },
      { field: 'employeeNo', headerName: tf.employeeNo, width: 100 },
      { field: 'name', headerName: tf.name, width: 90 },
      { field: 'item', headerName: tf.item, width: 190, valueGetter: (_v, row) => (row.itemTitle ? tf.text(row.itemTitle) : row.item), renderCell: ({ value }) => <WrappedCell value={value} /> },
      { field: 'partText', headerName: tf.value, width: 200, valueGetter: (_v, row) => (row.partText ? row.partText[lang] : ''), renderCell: ({ value }) => <WrappedCell value={value} /> },
      { field: 'date', headerName: tf.date, width: 100 },
      { field: 'note', headerName: tf.note, width: 150, renderCell: ({ value }) => <WrappedCell value={value ?? ''} /> },
      {
        field: 'action',
        headerName: tf.action,
        width: 130,
        valueGetter: (_v, row) => tf.actions[row.action],
        renderCell: ({ row }) => (
          <Chip
            size="small"
            label={row.action === 'amend' && row.status ? `${tf.actions.amend} (${tf.statusName(row.status)})` : tf.actions[row.action]}
            color={row.action === 'error' ? 'error' : row.action === 'add' ? 'primary' : row.action === 'update' ? 'info' : row.action === 'conflict' || row.action === 'amend' ? 'warning' : 'default'}
            variant="outlined"
            data-testid={`findings-row-${row.row}-action`}
          />
        ),
      },
      {
        field: 'problems',
        headerName: tf.problems,
        flex: 1,
        minWidth: 260,
        // A column as the file's header names it in Chinese, its English name in the English UI ("扣分 (deduction)").
        valueGetter: (_v, row) => rowProblemsText(row.problems, t, (field) => columnName(field, lang)),
        renderCell: ({ value }) => <WrappedCell value={value} error />,
      },
    ],
    [t, tf, lang],
  );
  return (
    <Stack spacing={1}>
      <ImportPreview
        prefix="findings"
        preview={preview}
        rows={rows}
        columns={columns}
        getRowId={(r) => r.row}
        height={340}
        chips={<Chip label={`${tf.department}: ${tf.departmentName(preview.department)}`} variant="outlined" />}
        confirmLabel={tf.confirm(tf.departmentName(preview.department))}
        busy={busy}
        onConfirm={onConfirm}
      />
      {preview.skipped.length > 0 && (
        <Alert severity="info" data-testid="findings-preview-skipped">
          <AlertTitle>{tf.skippedTitle(preview.skipped.length)}</AlertTitle>
          {preview.skipped.map((s) => `${s.employeeNo} ${s.name ?? ''}`).join(' · ')}
        </Alert>
      )}
      {preview.sheets.some((s) => s.action === 'amend') && (
        <Alert severity="warning" data-testid="findings-preview-amend">
          <AlertTitle>{tf.amendTitle(preview.sheets.filter((s) => s.action === 'amend').length)}</AlertTitle>
          {preview.sheets
            .filter((s) => s.action === 'amend')
            .map((s) => tf.amendLine(s.employeeNo, s.name, tf.statusName(s.status)))
            .join(' · ')}
        </Alert>
      )}
      {preview.conflicts.length > 0 && <Conflicts conflicts={preview.conflicts} period={preview.period} />}
    </Stack>
  );
}

function columnName(field: string, lang: 'zh' | 'en'): string {
  const m = /^(\S+) \(([^)]+)\)/.exec(field.split(' — ')[0]!);
  return m ? (lang === 'zh' ? m[1]! : m[2]!) : field;
}

/** The values to choose, candidates side by side; with `onChosen`, a button per option (findings.resolve), else (a preview) shown only. */
function Conflicts({ conflicts, period, onChosen }: { conflicts: FindingConflict[]; period: string; onChosen?: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.findings;
  const resolve = useAction((personId: number, itemId: string, choice: Choice) => invoke('findings.resolve', { period, personId, itemId, choice }));
  const who = (from: string) => (from === 'manager' ? tf.manager : tf.departmentName(from as DepartmentId));
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={onChosen ? 'findings-conflicts' : 'findings-preview-conflicts'}>
      <Typography variant="subtitle2" component="h3">
        {tf.conflictsTitle}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {tf.conflictsHelp}
      </Typography>
      <Stack spacing={1}>
        {conflicts.map((c) => (
          <Box key={`${c.personId}/${c.itemId}`} data-testid={`findings-conflict-${c.employeeNo}-${c.itemId}`} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
            <Typography variant="body2" sx={{ minWidth: 220, fontWeight: 600 }}>
              {c.employeeNo} {c.name} · {tf.text(c.itemTitle)}
            </Typography>
            {c.candidates.map((x, i) => (
              <Chip key={x.from} variant="outlined" label={`${who(x.from)}: ${c.texts[i]?.[lang] ?? ''}`} />
            ))}
            {onChosen &&
              c.options.map((o) => (
                <Button
                  key={o}
                  size="small"
                  variant="contained"
                  disabled={resolve.busy}
                  data-testid={`findings-choose-${c.employeeNo}-${c.itemId}-${o}`}
                  onClick={async () => {
                    if (await resolve.run(c.personId, c.itemId, o)) onChosen();
                  }}
                >
                  {tf.option[o] ?? tf.take(who(o))}
                </Button>
              ))}
          </Box>
        ))}
      </Stack>
      <FailureAlert error={resolve.error} />
    </Paper>
  );
}
