/**
 * A drop zone for signed PDFs: drop files or whole folders, or choose files or a folder. Keeps
 * the .pdf files, refuses those over the size limit (naming each), and hands the rest on. Test
 * ids: `<testId>-drop`, `-input`, `-folder-input`, `-choose`, `-choose-folder`, `-progress`,
 * `-too-big`, `-skipped`.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState, type DragEvent } from 'react';
import { FolderIcon, UploadIcon } from '../../app/icons.tsx';
import { useT } from '../../i18n/index.tsx';
import { MAX_FILE_BYTES, formatBytes, splitBySize } from './batches.ts';
import { type Collected, collectChosen, collectDrop, dropSources } from './pdfFiles.ts';
import type { Progress } from './useBatchUpload.ts';

interface Notes {
  tooBig: { name: string; size: number }[];
  notPdf: string[];
  skippedInFolders: number;
  nothing: boolean;
}

/** Marks an input as a folder dialog (React has no typed prop for webkitdirectory). */
function folderInput(node: HTMLInputElement | null) {
  node?.setAttribute('webkitdirectory', '');
}

export function PdfDropZone({
  testId,
  title,
  help,
  busy,
  progress,
  onFiles,
}: {
  testId: string;
  title: string;
  help: string;
  busy: boolean;
  progress: Progress | null;
  onFiles: (files: File[]) => void;
}) {
  const t = useT();
  const ta = t.approvals.drop;
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);
  const [notes, setNotes] = useState<Notes | null>(null);

  const take = (collected: Collected) => {
    const { ok, tooBig } = splitBySize(collected.pdfs);
    setNotes({
      tooBig: tooBig.map((f) => ({ name: f.webkitRelativePath || f.name, size: f.size })),
      notPdf: collected.notPdf,
      skippedInFolders: collected.skippedInFolders,
      nothing: collected.pdfs.length === 0,
    });
    if (ok.length > 0) onFiles(ok);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    const sources = dropSources(e.dataTransfer); // now: the browser empties the DataTransfer after this event
    setReading(true);
    collectDrop(sources)
      .then(take, () => take({ pdfs: [], notPdf: [], skippedInFolders: 0 }))
      .finally(() => setReading(false));
  };

  const disabled = busy || reading;
  return (
    <Stack spacing={1}>
      <Paper
        variant="outlined"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={`${testId}-drop`}
        sx={{ p: 2, borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', bgcolor: dragging ? 'action.hover' : 'background.paper' }}
      >
        <Stack spacing={1.25}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {help}
          </Typography>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<UploadIcon />} onClick={() => files.current?.click()} disabled={disabled} data-testid={`${testId}-choose`}>
              {ta.chooseFiles}
            </Button>
            <Button variant="outlined" startIcon={<FolderIcon />} onClick={() => folder.current?.click()} disabled={disabled} data-testid={`${testId}-choose-folder`}>
              {ta.chooseFolder}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {ta.dropHere(formatBytes(MAX_FILE_BYTES))}
            </Typography>
          </Stack>
          <input
            ref={files}
            type="file"
            accept=".pdf,application/pdf"
            multiple
            hidden
            data-testid={`${testId}-input`}
            onChange={(e) => {
              take(collectChosen(e.target.files, false));
              e.target.value = '';
            }}
          />
          <input
            ref={(node) => {
              folder.current = node;
              folderInput(node);
            }}
            type="file"
            multiple
            hidden
            data-testid={`${testId}-folder-input`}
            onChange={(e) => {
              take(collectChosen(e.target.files, true));
              e.target.value = '';
            }}
          />
          {(reading || progress) && (
            <Box role="status" data-testid={`${testId}-progress`}>
              <Typography variant="caption">{progress ? ta.progress(progress.done, progress.total) : ta.reading}</Typography>
              <LinearProgress variant={progress && progress.total > 0 ? 'determinate' : 'indeterminate'} value={progress ? (100 * progress.done) / Math.max(1, progress.total) : 0} />
            </Box>
          )}
        </Stack>
      </Paper>
      {notes && notes.tooBig.length > 0 && (
        <Alert severity="error" onClose={() => setNotes({ ...notes, tooBig: [] })} data-testid={`${testId}-too-big`}>
          {notes.tooBig.map((f) => (
            <div key={f.name}>{ta.tooBig(f.name, formatBytes(f.size), formatBytes(MAX_FILE_BYTES))}</div>
          ))}
        </Alert>
      )}
      {notes && (notes.notPdf.length > 0 || notes.skippedInFolders > 0 || notes.nothing) && (
        <Alert severity="warning" onClose={() => setNotes({ ...notes, notPdf: [], skippedInFolders: 0, nothing: false })} data-testid={`${testId}-skipped`}>
          {notes.notPdf.length > 0 && <div>{ta.notPdf(notes.notPdf.join(t.approvals.separator))}</div>}
          {notes.skippedInFolders > 0 && <div>{ta.skippedInFolders(notes.skippedInFolders)}</div>}
          {notes.nothing && <div>{ta.noPdf}</div>}
        </Alert>
      )}
    </Stack>
  );
}
