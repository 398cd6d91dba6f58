/**
 * Roster import: choose or drop a CSV/XLSX file → roster.preview (nothing written) → the
 * preview with every row's errors → Import (roster.import) once no errors remain.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { RosterPreview, RosterRow } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { UploadIcon } from '../../app/icons.tsx';
import { useT } from '../../i18n/index.tsx';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.csv,.txt,.xlsx';

interface Upload {
  fileName: string;
  dataBase64: string;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<{ added: number; updated: number; unchanged: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);

  const read = useAction(async (file: File) => {
    const next: Upload = { fileName: file.name, dataBase64: await readAsBase64(file) };
    const result = await invoke('roster.preview', next);
    setUpload(next);
    setPreview(result);
    setOnlyErrors(result.errorCount > 0);
    return result;
  });
  const importer = useAction(async (file: Upload) => invoke('roster.import', file));

  const choose = (file: File | undefined) => {
    setDone(null);
    setPreview(null);
    setUpload(null);
    setFileError(null);
    importer.clearError();
    if (!file) return;
    if (!/\.(csv|txt|xlsx)$/i.test(file.name)) return setFileError(t.roster.import.wrongType);
    if (file.size > MAX_BYTES) return setFileError(t.roster.import.tooBig);
    void read.run(file);
  };

  const confirm = async () => {
    if (!upload) return;
    const counts = await importer.run(upload);
    if (!counts) return;
    setDone(counts);
    setPreview(null);
    setUpload(null);
    onImported();
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  const counts = useMemo(() => {
    const rows = preview?.rows ?? [];
    return {
      add: rows.filter((r) => r.action === 'add').length,
      update: rows.filter((r) => r.action === 'update').length,
      unchanged: rows.filter((r) => r.action === 'unchanged').length,
    };
  }, [preview]);

  return (
    <Stack spacing={2}>
      <Paper
        variant="outlined"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="roster-import-drop"
        sx={{ p: 3, borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : 'background.paper' }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t.roster.import.title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t.roster.import.help}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
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
            accept={ACCEPT}
            hidden
            data-testid="roster-import-input"
            onChange={(e) => {
              choose(e.target.files?.[0]);
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
        <Alert severity="success" data-testid="roster-import-done">
          {t.roster.import.done(done)}
        </Alert>
      )}

      {preview && (
        <PreviewView
          preview={preview}
          counts={counts}
          onlyErrors={onlyErrors}
          setOnlyErrors={setOnlyErrors}
          busy={importer.busy}
          onConfirm={() => void confirm()}
        />
      )}
    </Stack>
  );
}

function PreviewView({
  preview,
  counts,
  onlyErrors,
  setOnlyErrors,
  busy,
  onConfirm,
}: {
  preview: RosterPreview;
  counts: { add: number; update: number; unchanged: number };
  onlyErrors: boolean;
  setOnlyErrors: (v: boolean) => void;
  busy: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  const tr = t.roster.import;
  const fit = useFit();
  const columns = useMemo<GridColDef<RosterRow>[]>(() => {
    const header = (label: string, min = 0) => Math.max(min, fit.header(label));
    return [
      { field: 'line', headerName: tr.line, type: 'number', width: header(tr.line, 70) },
      { field: 'employeeNo', headerName: t.roster.employeeNo, width: header(t.roster.employeeNo, 90) },
      { field: 'name', headerName: t.roster.name, flex: 1, minWidth: header(t.roster.name, 100) },
      { field: 'role', headerName: t.roster.role, flex: 1, minWidth: Math.max(fit.cell(Object.values(t.roles)), header(t.roster.role)) },
      { field: 'region', headerName: t.roster.region, flex: 1, minWidth: header(t.roster.region, 100) },
      { field: 'activeFrom', headerName: t.roster.activeFrom, width: header(t.roster.activeFrom, 90) },
      {
        field: 'action',
        headerName: tr.action,
        width: Math.max(header(tr.action), fit.cell(Object.values(tr.actions), 24)),
        valueGetter: (_v, row) => tr.actions[row.action],
        renderCell: ({ row }) => (
          <Chip label={tr.actions[row.action]} color={row.errors.length ? 'default' : row.action === 'add' ? 'primary' : row.action === 'update' ? 'info' : 'default'} variant="outlined" />
        ),
      },
      {
        field: 'errors',
        headerName: tr.rowErrors,
        flex: 3,
        minWidth: 240,
        valueGetter: (_v, row) => row.errors.join('; '),
        renderCell: ({ value }) => (
          <Typography variant="body2" color="error" title={String(value)} sx={{ whiteSpace: 'normal', lineHeight: 1.3, py: 0.5 }}>
            {String(value)}
          </Typography>
        ),
      },
    ];
  }, [t, tr, fit]);
  const rows = onlyErrors ? preview.rows.filter((r) => r.errors.length) : preview.rows;
  const blocked = preview.errorCount > 0;

  return (
    <Stack spacing={1.5} data-testid="roster-preview">
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <Chip label={`${tr.file}: ${preview.fileName}`} variant="outlined" />
        <Chip label={`${tr.encoding}: ${preview.encoding}`} variant="outlined" data-testid="roster-preview-encoding" />
        <Chip label={`${tr.rows}: ${preview.rows.length}`} variant="outlined" />
        <Chip label={`${tr.toAdd}: ${counts.add}`} color="primary" variant="outlined" />
        <Chip label={`${tr.toUpdate}: ${counts.update}`} color="info" variant="outlined" />
        <Chip label={`${tr.unchanged}: ${counts.unchanged}`} variant="outlined" />
        <Chip label={`${tr.errors}: ${preview.errorCount}`} color={blocked ? 'error' : 'success'} data-testid="roster-preview-errors" />
        <Box sx={{ flexGrow: 1 }} />
        <FormControlLabel control={<Switch checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />} label={tr.onlyErrors} />
        <Button variant="contained" onClick={onConfirm} disabled={blocked || busy || preview.rows.length === 0} data-testid="roster-import-confirm">
          {busy ? t.common.saving : tr.confirm}
        </Button>
      </Stack>
      {blocked && <Alert severity="warning">{tr.fixFirst}</Alert>}
      <div style={{ height: 480 }}>
        <DataGrid
          rows={rows}
          columns={columns}
          getRowId={(r) => r.line}
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
