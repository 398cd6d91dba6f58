/** Download buttons for a report's files (reports.file), in the current language. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { ReportFileInput } from '../../../shared/api/contract.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { DownloadIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { downloadFile } from '../../app/files.ts';

type Format = ReportFileInput['format'];

const TYPES: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  pdf: 'application/pdf',
};

export function ReportDownloads({ file, formats }: { file: Omit<ReportFileInput, 'format' | 'language'>; formats: readonly Format[] }) {
  const { t, lang } = useI18n();
  const download = useAction(async (format: Format) => downloadFile(await invoke('reports.file', { ...file, format, language: lang }), TYPES[format]));
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1}>
        {formats.map((format) => (
          <Button
            key={format}
            variant="outlined"
            size="small"
            startIcon={<DownloadIcon />}
            disabled={download.busy}
            onClick={() => void download.run(format)}
            data-testid={`report-download-${format}`}
            sx={{ whiteSpace: 'nowrap' }}
          >
            {t.reports.download(format.toUpperCase())}
          </Button>
        ))}
      </Stack>
      <FailureAlert error={download.error} title={t.reports.downloadFailed} onClose={download.clearError} />
    </Stack>
  );
}
