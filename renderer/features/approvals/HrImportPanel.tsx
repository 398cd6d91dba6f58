/**
 * HR: import fully approved sheets into this database — files uploaded directly (hr.import with
 * files, in batches), or every fully signed file in the inbox not imported yet (by SHA-256).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { HrImportOutcome } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { canHrImport } from './availability.ts';
import { chunks } from './batches.ts';
import { HrImportResult } from './OutcomeList.tsx';
import { PdfDropZone } from './PdfDropZone.tsx';
import { useBatchUpload } from './useBatchUpload.ts';

/** hr.import takes at most 100 SHA-256s per call (shared/api/contract.ts). */
const SHA_PER_CALL = 100;

export function HrImportPanel() {
  const t = useT();
  const th = t.approvals.hr;
  const { info, refreshInfo } = useApp();
  const role = info.user!.chainRole;
  const inbox = useCall('inbox.list', {});
  const [outcomes, setOutcomes] = useState<HrImportOutcome[] | null>(null);
  const upload = useBatchUpload((files) => invoke('hr.import', { files }));
  const fromInbox = useAction(async (sha256: string[]) => {
    const all: HrImportOutcome[] = [];
    for (const part of chunks(sha256, SHA_PER_CALL)) all.push(...(await invoke('hr.import', { sha256: part })));
    return all;
  });
  const ready = (inbox.data ?? []).filter((e) => canHrImport(e, role));

  const finish = (done: HrImportOutcome[] | undefined) => {
    if (done && done.length > 0) setOutcomes(done);
    inbox.reload();
    void refreshInfo();
  };

  if (role !== 'hr') {
    return (
      <Alert severity="info" data-testid="hr-not-hr">
        {th.notHr(t.chainRoles.hr, t.chainRoles[role])}
      </Alert>
    );
  }
  return (
    <Stack spacing={1.5}>
      <PdfDropZone
        testId="hr"
        title={th.title}
        help={th.help}
        busy={upload.busy || fromInbox.busy}
        progress={upload.progress}
        onFiles={(files) => {
          setOutcomes(null);
          void upload.run(files).then(finish);
        }}
      />
      <FailureAlert error={upload.error} onClose={upload.clearError} />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" sx={{ flex: '1 1 320px' }} data-testid="hr-ready-count">
            {th.ready(ready.length)}
          </Typography>
          <Button
            variant="contained"
            color="secondary"
            disabled={ready.length === 0 || fromInbox.busy || upload.busy}
            onClick={() => {
              setOutcomes(null);
              void fromInbox.run(ready.map((e) => e.sha256)).then(finish);
            }}
            data-testid="hr-import-all"
          >
            {fromInbox.busy ? th.importing : th.importAll(ready.length)}
          </Button>
        </Stack>
      </Paper>
      <FailureAlert error={fromInbox.error} onClose={fromInbox.clearError} />
      <FailureAlert error={inbox.error} onRetry={inbox.reload} />
      {outcomes && <HrImportResult outcomes={outcomes} onClose={() => setOutcomes(null)} />}
    </Stack>
  );
}
