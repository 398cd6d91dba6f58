/**
 * The parts every spreadsheet import shares (roster, salaries and KPIs): choose or drop a
 * CSV/XLSX file → a preview call (nothing written) → the rows with their problems, counts and
 * an Import button that stays off while any row has an error. Each panel keeps its own columns
 * and texts; test ids are `<prefix>-import…` and `<prefix>-preview…`.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef, type GridValidRowModel } from '@mui/x-data-grid';
import { useRef, useState, type DragEvent, type ReactNode, type Ref } from 'react';
import { MAX_UPLOAD_BYTES } from '../../shared/api/contract.ts';
import { useAction } from '../api/hooks.ts';
import { readAsBase64 } from './files.ts';
import { useT } from '../i18n/index.tsx';
import { FailureAlert } from './FailureAlert.tsx';
import { UploadIcon } from './icons.tsx';

const ACCEPT = '.csv,.txt,.xlsx';

export interface FileUpload {
  fileName: string;
  dataBase64: string;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What every preview call answers. */
interface Preview<R> {
  fileName: string;
  encoding: string;
  rows: R[];
  errorCount: number;
}

/** A hidden `<input type="file">` that a button opens; the same file may be chosen again. */
export function HiddenFileInput({ ref, accept, testId, onFile }: { ref: Ref<HTMLInputElement>; accept: string; testId: string; onFile: (file: File | undefined) => void }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      hidden
      data-testid={testId}
      onChange={(e) => {
        onFile(e.target.files?.[0]);
        e.target.value = '';
      }}
    />
  );
}

/**
 * The state of one import: `toUpload` adds what the panel sends besides the file (the month),
 * `preview` checks it, `commit` writes it. `check` previews an upload again (another month).
 */
export function useFileImport<U extends FileUpload, P extends Preview<unknown>>(options: {
  toUpload: (file: FileUpload) => U;
  preview: (upload: U) => Promise<P>;
  commit: (upload: U) => Promise<ImportCounts>;
  onPreview?: (preview: P) => void;
  onImported?: () => void;
}) {
  const t = useT().roster.import;
  const [upload, setUpload] = useState<U | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportCounts | null>(null);

  const read = useAction(async (next: () => Promise<U>) => {
    const u = await next();
    const result = await options.preview(u);
    setUpload(u);
    setPreview(result);
    options.onPreview?.(result);
    return result;
  });
  const importer = useAction(async (u: U) => options.commit(u));

  const reset = () => {
    setDone(null);
    setPreview(null);
    setUpload(null);
    setFileError(null);
    read.clearError();
    importer.clearError();
  };

  const choose = (file: File | undefined) => {
    reset();
    if (!file) return;
    if (!/\.(csv|txt|xlsx)$/i.test(file.name)) return setFileError(t.wrongType);
    if (file.size > MAX_UPLOAD_BYTES) return setFileError(t.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024));
    void read.run(async () => options.toUpload({ fileName: file.name, dataBase64: await readAsBase64(file) }));
  };

  const check = (u: U) => {
    reset();
    void read.run(async () => u);
  };

  const confirm = async () => {
    if (!upload) return;
    const counts = await importer.run(upload);
    if (!counts) return;
    setDone(counts);
    setPreview(null);
    setUpload(null);
    options.onImported?.();
  };

  return { upload, preview, fileError, done, read, importer, choose, check, confirm };
}

/** What the panel shows of an import's state. */
interface PanelState {
  choose: (file: File | undefined) => void;
  read: { busy: boolean; error: unknown };
  importer: { busy: boolean; error: unknown };
  fileError: string | null;
  done: ImportCounts | null;
}

/** The drop zone (title, help, the panel's own controls, choose button), the outcome alerts, then `children` (the preview). */
export function FileImportPanel({
  state,
  prefix,
  title,
  help,
  helpMaxWidth,
  controls,
  doneText,
  children,
}: {
  state: PanelState;
  prefix: string;
  title: string;
  help: string;
  helpMaxWidth?: number;
  controls?: ReactNode;
  doneText: (done: ImportCounts) => string;
  children?: ReactNode;
}) {
  const tr = useT().roster.import;
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { choose, read, importer, fileError, done } = state;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  return (
    <Stack spacing={2} data-testid={`${prefix}-import`}>
      <Paper
        variant="outlined"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={`${prefix}-import-drop`}
        sx={{ p: 3, borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : 'background.paper' }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={helpMaxWidth ? { maxWidth: helpMaxWidth } : undefined}>
            {help}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            {controls}
            <Button variant="contained" startIcon={<UploadIcon />} onClick={() => input.current?.click()} disabled={read.busy || importer.busy}>
              {tr.choose}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {tr.drop}
            </Typography>
          </Stack>
          <HiddenFileInput ref={input} accept={ACCEPT} testId={`${prefix}-import-input`} onFile={choose} />
          {read.busy && (
            <Box sx={{ width: '100%' }} role="status">
              <Typography variant="caption">{tr.reading}</Typography>
              <LinearProgress />
            </Box>
          )}
        </Stack>
      </Paper>

      {fileError && <Alert severity="error">{fileError}</Alert>}
      <FailureAlert error={read.error} />
      <FailureAlert error={importer.error} />
      {done && (
        <Alert severity="success" data-testid={`${prefix}-import-done`}>
          {doneText(done)}
        </Alert>
      )}
      {children}
    </Stack>
  );
}

/**
 * A preview: file, encoding and counts as chips (`chips` after the file name), the panel's
 * `controls` and the Import button, a warning while rows have errors, and the rows in a grid.
 */
export function ImportPreview<R extends GridValidRowModel & { action: string }>({
  prefix,
  preview,
  rows = preview.rows,
  columns,
  getRowId,
  height,
  chips,
  controls,
  confirmLabel,
  busy,
  onConfirm,
}: {
  prefix: string;
  preview: Preview<R>;
  /** The rows shown (all by default); the counts are always of every row. */
  rows?: readonly R[];
  columns: GridColDef<R>[];
  getRowId: (row: R) => number;
  height: number;
  chips?: ReactNode;
  controls?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  const tr = t.roster.import;
  const blocked = preview.errorCount > 0;
  const count = (action: string) => preview.rows.filter((r) => r.action === action).length;
  return (
    <Stack spacing={1.5} data-testid={`${prefix}-preview`}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <Chip label={`${tr.file}: ${preview.fileName}`} variant="outlined" />
        {chips}
        <Chip label={`${tr.encoding}: ${preview.encoding}`} variant="outlined" data-testid={`${prefix}-preview-encoding`} />
        <Chip label={`${tr.rows}: ${preview.rows.length}`} variant="outlined" />
        <Chip label={`${tr.toAdd}: ${count('add')}`} color="primary" variant="outlined" />
        <Chip label={`${tr.toUpdate}: ${count('update')}`} color="info" variant="outlined" />
        <Chip label={`${tr.unchanged}: ${count('unchanged')}`} variant="outlined" />
        <Chip label={`${tr.errors}: ${preview.errorCount}`} color={blocked ? 'error' : 'success'} data-testid={`${prefix}-preview-errors`} />
        <Box sx={{ flexGrow: 1 }} />
        {controls}
        <Button variant="contained" onClick={onConfirm} disabled={blocked || busy || preview.rows.length === 0} data-testid={`${prefix}-import-confirm`}>
          {busy ? t.common.saving : confirmLabel}
        </Button>
      </Stack>
      {blocked && <Alert severity="warning">{tr.fixFirst}</Alert>}
      <div style={{ height }}>
        <DataGrid
          rows={rows}
          columns={columns}
          getRowId={getRowId}
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

/** A cell of wrapped text (a row's problems, its indicators); `error` shows it in red with the whole text as tooltip. */
export function WrappedCell({ value, error = false }: { value: unknown; error?: boolean }) {
  return (
    <Typography variant="body2" color={error ? 'error' : undefined} title={error ? String(value) : undefined} sx={{ whiteSpace: 'normal', lineHeight: 1.3, py: 0.5 }}>
      {String(value)}
    </Typography>
  );
}
