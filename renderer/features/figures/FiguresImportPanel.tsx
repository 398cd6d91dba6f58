/**
 * Import a month's salary totals and KPIs: pick the month, choose or drop a CSV/XLSX file →
 * figures.preview (nothing written) → every row with its action and problems → Import
 * (figures.import) once no row has an error. Same flow and limits as the roster import.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { FiguresPreview, FiguresRow } from '../../../shared/api/report-types.ts';
import { formatYuan, kpiLines } from '../../../shared/kpi.ts';
import { formatPeriod, previousPeriod } from '../../../shared/period.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { UploadIcon } from '../../app/icons.tsx';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { readAsBase64 } from '../signing/files.ts';

const MAX_BYTES = 10 * 1024 * 1024;

interface Upload {
  fileName: string;
  dataBase64: string;
  period: string;
}

/** Salaries are usually imported after the month: last month by default. */
const lastMonth = () => {
  const now = new Date();
  return formatPeriod(previousPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 }));
};

export function FiguresImportPanel() {
  const { t } = useI18n();
  const tf = t.figures;
  const input = useRef<HTMLInputElement>(null);
  const [period, setPeriod] = useState(lastMonth);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<FiguresPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<{ added: number; updated: number; unchanged: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const read = useAction(async (next: Upload) => {
    const result = await invoke('figures.preview', next);
    setUpload(next);
    setPreview(result);
    return result;
  });
  const importer = useAction(async (file: Upload) => invoke('figures.import', file));

  const reset = () => {
    setDone(null);
    setPreview(null);
    setUpload(null);
    setFileError(null);
    read.clearError();
    importer.clearError();
  };

  const choose = async (file: File | undefined) => {
    reset();
    if (!file) return;
    if (!/\.(csv|txt|xlsx)$/i.test(file.name)) return setFileError(t.roster.import.wrongType);
    if (file.size > MAX_BYTES) return setFileError(t.roster.import.tooBig);
    void read.run({ fileName: file.name, dataBase64: await readAsBase64(file), period });
  };

  const changeMonth = (p: string) => {
    setPeriod(p);
    // The preview is of one month: read the same file again for the new one.
    if (upload) {
      reset();
      void read.run({ ...upload, period: p });
    }
  };

  const confirm = async () => {
    if (!upload) return;
    const counts = await importer.run(upload);
    if (!counts) return;
    setDone(counts);
    setPreview(null);
    setUpload(null);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  };

  return (
    <Stack spacing={2} data-testid="figures-import">
      <Paper
        variant="outlined"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        sx={{ p: 3, borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : 'background.paper' }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {tf.importTitle}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 900 }}>
            {tf.importHelp}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            <MonthPicker value={period} onChange={changeMonth} testId="figures-import-month" />
            <Button variant="contained" startIcon={<UploadIcon />} onClick={() => input.current?.click()} disabled={read.busy || importer.busy}>
              {t.roster.import.choose}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {t.roster.import.drop}
            </Typography>
          </Stack>
          <input
            ref={input}
            type="file"
            accept=".csv,.txt,.xlsx"
            hidden
            data-testid="figures-import-input"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {read.busy && (
            <Box sx={{ width: '100%' }} role="status">
              <Typography variant="caption">{t.roster.import.reading}</Typography>
              <LinearProgress />
            </Box>
          )}
        </Stack>
      </Paper>

      {fileError && <Alert severity="error">{fileError}</Alert>}
      <FailureAlert error={read.error} />
      <FailureAlert error={importer.error} />
      {done && (
        <Alert severity="success" data-testid="figures-import-done">
          {tf.done(done)}
        </Alert>
      )}
      {preview && <PreviewTable preview={preview} busy={importer.busy} onConfirm={() => void confirm()} />}
    </Stack>
  );
}

function PreviewTable({ preview, busy, onConfirm }: { preview: FiguresPreview; busy: boolean; onConfirm: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.figures;
  const tr = t.roster.import;
  const columns = useMemo<GridColDef<FiguresRow>[]>(
    () => [
      { field: 'row', headerName: tf.row, type: 'number', width: 70 },
      { field: 'employeeNo', headerName: tf.employeeNo, width: 120 },
      { field: 'name', headerName: tf.name, width: 110 },
      {
        field: 'salaryTotal',
        headerName: tf.salaryTotal,
        width: 140,
        align: 'right',
        headerAlign: 'right',
        valueGetter: (_v, row) => (row.salaryTotal === null ? '' : formatYuan(row.salaryTotal)),
      },
      {
        field: 'kpis',
        headerName: tf.indicators,
        flex: 3,
        minWidth: 320,
        valueGetter: (_v, row) => kpiLines(row.kpis, lang).map((l) => `${l.name} ${l.value}`).join(' · '),
        renderCell: ({ value }) => (
          <Typography variant="body2" sx={{ whiteSpace: 'normal', lineHeight: 1.3, py: 0.5 }}>
            {String(value)}
          </Typography>
        ),
      },
      {
        field: 'action',
        headerName: tf.action,
        width: 100,
        valueGetter: (_v, row) => tf.actions[row.action],
        renderCell: ({ row }) => (
          <Chip
            label={tf.actions[row.action]}
            color={row.action === 'error' ? 'error' : row.action === 'add' ? 'primary' : row.action === 'update' ? 'info' : 'default'}
            variant="outlined"
          />
        ),
      },
      {
        field: 'problems',
        headerName: tf.problems,
        flex: 2,
        minWidth: 260,
        valueGetter: (_v, row) => row.problems.map((p) => `${p.field}: ${JSON.stringify(p.value ?? '')} — ${p.expected}`).join('; '),
        renderCell: ({ value }) => (
          <Typography variant="body2" color="error" title={String(value)} sx={{ whiteSpace: 'normal', lineHeight: 1.3, py: 0.5 }}>
            {String(value)}
          </Typography>
        ),
      },
    ],
    [tf, lang],
  );
  const blocked = preview.errorCount > 0;
  const count = (a: FiguresRow['action']) => preview.rows.filter((r) => r.action === a).length;
  return (
    <Stack spacing={1.5} data-testid="figures-preview">
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <Chip label={`${tr.file}: ${preview.fileName}`} variant="outlined" />
        <Chip label={`${tf.month}: ${preview.period}`} variant="outlined" />
        <Chip label={`${tr.encoding}: ${preview.encoding}`} variant="outlined" />
        <Chip label={`${tr.rows}: ${preview.rows.length}`} variant="outlined" />
        <Chip label={`${tr.toAdd}: ${count('add')}`} color="primary" variant="outlined" />
        <Chip label={`${tr.toUpdate}: ${count('update')}`} color="info" variant="outlined" />
        <Chip label={`${tr.unchanged}: ${count('unchanged')}`} variant="outlined" />
        <Chip label={`${tr.errors}: ${preview.errorCount}`} color={blocked ? 'error' : 'success'} data-testid="figures-preview-errors" />
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" onClick={onConfirm} disabled={blocked || busy || preview.rows.length === 0} data-testid="figures-import-confirm">
          {busy ? t.common.saving : tf.confirm(preview.period)}
        </Button>
      </Stack>
      {blocked && <Alert severity="warning">{tr.fixFirst}</Alert>}
      <div style={{ height: 420 }}>
        <DataGrid
          rows={preview.rows}
          columns={columns}
          getRowId={(r) => r.row}
          density="compact"
          getRowHeight={() => 'auto'}
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } } }}
          disableRowSelectionOnClick
          sx={{ bgcolor: 'background.paper' }}
        />
      </div>
    </Stack>
  );
}
