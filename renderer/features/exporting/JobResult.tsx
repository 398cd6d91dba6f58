/**
 * A month's export, as far as it has gone: a determinate progress bar ("done of total"), then
 * the result — files exported (count, folder, each to download), the signed region summary,
 * the sheets that failed (person and message) and those skipped (person and reason).
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { JobStatus } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert, failureText } from '../../app/FailureAlert.tsx';
import { useT, type Messages } from '../../i18n/index.tsx';
import { downloadFile } from '../../app/files.ts';
import { folderOf, WrittenTo } from './WrittenTo.tsx';

/** Why a sheet was skipped, in the current language (from the backend's code, not its English wording). */
function skipReason(skip: JobStatus['skipped'][number], t: Messages): string {
  const r = t.exporting.skipReasons;
  switch (skip.code) {
    case 'not-started':
      return r.notStarted;
    case 'already-signed':
      return r.alreadySigned;
    case 'approved':
      return r.approved;
    case 'not-ready':
      return skip.status ? r.notReady(t.status[skip.status]) : skip.reason;
  }
}

const who = (p: { name: string; employeeNo: string }) => (p.employeeNo ? `${p.name} (${p.employeeNo})` : p.name);

/** A small scrolling table. */
function List({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId: string }) {
  return (
    <Box sx={{ maxHeight: 210, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid={testId}>
      <Table size="small" stickyHeader>
        <TableHead>
          <TableRow>
            {head.map((h, i) => (
              <TableCell key={i} sx={{ whiteSpace: 'nowrap' }}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((cells, i) => (
            <TableRow key={i}>
              {cells.map((c, j) => (
                <TableCell key={j} sx={j === cells.length - 1 ? { width: '100%' } : { whiteSpace: 'nowrap' }}>
                  {c}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export function JobProgress({ job }: { job: JobStatus | null }) {
  const t = useT();
  const done = job?.done ?? 0;
  const total = job?.total ?? 0;
  const value = total === 0 ? (job?.finished ? 100 : 0) : Math.round((done / total) * 100);
  return (
    <Stack spacing={0.75} data-testid="month-export-progress" data-done={done} data-total={total}>
      <LinearProgress variant="determinate" value={value} aria-label={t.exporting.progress(done, total)} />
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 2 }}>
        <Typography variant="body2">{job?.finished ? t.exporting.finished : t.exporting.running}</Typography>
        <Typography variant="body2" color="text.secondary" data-testid="month-export-count">
          {t.exporting.progress(done, total)}
        </Typography>
      </Stack>
      {!job?.finished && (
        <Typography variant="caption" color="text.secondary">
          {t.exporting.keepsRunning}
        </Typography>
      )}
    </Stack>
  );
}

export function JobResult({ job }: { job: JobStatus }) {
  const t = useT();
  const downloader = useAction(async (sha256: string) => downloadFile(await invoke('exports.get', { sha256 }), 'application/pdf'));
  const download = (sha256: string, testId: string) => (
    <Button size="small" onClick={() => void downloader.run(sha256)} disabled={downloader.busy} data-testid={testId}>
      {t.exporting.download}
    </Button>
  );
  const files = job.files;
  return (
    <Stack spacing={1.5} data-testid="month-export-result" data-files={files.length}>
      <Alert severity={job.failures.length ? 'warning' : files.length ? 'success' : 'info'}>
        {files.length ? t.exporting.filesExported(files.length) : t.exporting.nothingExported}
      </Alert>
      {files.length > 0 && <WrittenTo label={t.exporting.folder} path={folderOf(files[0]!.path)} testId="month-export-folder" />}
      {job.summary && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t.exporting.summary}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {job.summary.fileName}
          </Typography>
          {download(job.summary.sha256, 'month-export-summary')}
        </Stack>
      )}
      <FailureAlert error={downloader.error} onClose={downloader.clearError} />
      {files.length > 0 && (
        <List
          testId="month-export-files"
          head={[t.exporting.person, t.exporting.file, '']}
          rows={files.map((f) => [who(f), f.fileName, download(f.sha256, `month-export-file-${f.employeeNo}`)])}
        />
      )}
      {job.failures.length > 0 && (
        <Alert severity="error" data-testid="month-export-failures">
          <AlertTitle>{t.exporting.failures(job.failures.length)}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {job.failures.map((f, i) => (
              <li key={i}>
                <strong>{f.personId === 0 ? t.exporting.summary : who(f)}</strong>: {failureText(f, t)}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {job.skipped.length > 0 && (
        <Stack spacing={0.75}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t.exporting.skipped(job.skipped.length)}
          </Typography>
          <List testId="month-export-skipped" head={[t.exporting.person, t.exporting.reason]} rows={job.skipped.map((s) => [who(s), skipReason(s, t)])} />
        </Stack>
      )}
    </Stack>
  );
}
