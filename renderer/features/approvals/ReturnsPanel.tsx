/**
 * Return notes (the regional manager): import the signed notes reviewers send back
 * (returns.import: each reopens its sheet as 'returned'), and the list of notes imported.
 */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ReturnImportOutcome, ReturnNoteInfo } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { navigate } from '../../app/route.ts';
import { useI18n } from '../../i18n/index.tsx';
import { sha8 } from './availability.ts';
import { ReturnImportResult } from './OutcomeList.tsx';
import { PdfDropZone } from './PdfDropZone.tsx';
import { useBatchUpload } from './useBatchUpload.ts';

export function ReturnsPanel() {
  const { t } = useI18n();
  const tr = t.approvals.returns;
  const { refreshInfo } = useApp();
  const notes = useCall('returns.list', {});
  const [outcomes, setOutcomes] = useState<ReturnImportOutcome[] | null>(null);
  const upload = useBatchUpload((files) => invoke('returns.import', { files }));

  return (
    <Stack spacing={1.5}>
      <PdfDropZone
        testId="returns"
        title={tr.title}
        help={tr.help}
        busy={upload.busy}
        progress={upload.progress}
        onFiles={(files) => {
          setOutcomes(null);
          void upload.run(files).then((done) => {
            if (done.length > 0) setOutcomes(done);
            notes.reload();
            void refreshInfo();
          });
        }}
      />
      <FailureAlert error={upload.error} onClose={upload.clearError} />
      {outcomes && <ReturnImportResult outcomes={outcomes} onClose={() => setOutcomes(null)} />}
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack spacing={1}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {tr.listTitle}
            </Typography>
            <Button onClick={notes.reload} disabled={notes.loading}>
              {t.common.refresh}
            </Button>
          </Stack>
          <FailureAlert error={notes.error} onRetry={notes.reload} />
          {notes.data && notes.data.length === 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="returns-empty">
              {tr.empty}
            </Typography>
          )}
          {notes.data && notes.data.length > 0 && <NotesTable notes={notes.data} />}
        </Stack>
      </Paper>
    </Stack>
  );
}

function NotesTable({ notes }: { notes: readonly ReturnNoteInfo[] }) {
  const { t, lang } = useI18n();
  const tc = t.approvals.returns.columns;
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <TableContainer>
      <Table size="small" data-testid="returns-table" sx={{ '& td, & th': { verticalAlign: 'top', px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{tc.person}</TableCell>
            <TableCell sx={nowrap}>{tc.period}</TableCell>
            <TableCell>{tc.reason}</TableCell>
            <TableCell>{tc.returnedBy}</TableCell>
            <TableCell sx={nowrap}>{tc.returnedAt}</TableCell>
            <TableCell sx={nowrap}>{tc.importedAt}</TableCell>
            <TableCell>{tc.applied}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {notes.map((note) => (
            <TableRow key={note.sha256} data-testid={`returns-row-${sha8(note.sha256)}`} data-applied={String(note.applied)}>
              <TableCell sx={nowrap}>
                {note.personId !== null ? (
                  <Link component="button" type="button" variant="body2" onClick={() => navigate({ screen: 'sheet', personId: note.personId!, period: note.period })} sx={{ fontWeight: 600 }}>
                    {note.name}
                  </Link>
                ) : (
                  <b>{note.name}</b>
                )}
                <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.75 }}>
                  {note.employeeNo}
                </Typography>
              </TableCell>
              <TableCell sx={nowrap}>{note.period}</TableCell>
              <TableCell sx={{ minWidth: 200, wordBreak: 'break-word' }}>{note.reason}</TableCell>
              <TableCell sx={nowrap}>
                {note.returnedBy.name}
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.chainRoles[note.returnedBy.role]}
                </Typography>
              </TableCell>
              <TableCell sx={nowrap}>{dateTime(note.returnedAt, lang)}</TableCell>
              <TableCell sx={nowrap}>{dateTime(note.importedAt, lang)}</TableCell>
              <TableCell sx={nowrap}>
                <Chip size="small" color={note.applied ? 'error' : 'default'} variant={note.applied ? 'filled' : 'outlined'} label={note.applied ? t.approvals.returns.applied : t.approvals.returns.notApplied} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
