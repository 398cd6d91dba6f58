/** The verifier's verdict on a file: verified, or refused with the failed check and its reason (in red, in the UI's language). */
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FileVerdict } from '../../../shared/api/types.ts';
import { verifyText } from '../../app/refusalText.ts';
import { useT, type Messages } from '../../i18n/index.tsx';

/** A check id of the verifier in words (an unknown one as it is). */
export function checkLabel(check: string, t: Messages): string {
  return (t.approvals.checks as Record<string, string>)[check] ?? check;
}

export function Verdict({ verdict, testId, full = false }: { verdict: FileVerdict; testId?: string; full?: boolean }) {
  const t = useT();
  if (verdict.ok) {
    return <Chip size="small" color="success" variant="outlined" label={t.approvals.verdictOk} data-testid={testId} data-verdict="ok" />;
  }
  const failure = verdict.failure ?? { check: 'pdf-format' as const, message: '' };
  // A verdict kept before reasons existed has only its check (named above).
  const reason = failure.reason ? verifyText(failure, t) : null;
  return (
    <Stack spacing={0.25} data-testid={testId} data-verdict="refused" data-check={failure.check} sx={{ color: 'error.main', minWidth: 0 }}>
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
        <Chip size="small" color="error" label={t.approvals.verdictRefused} />
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {checkLabel(failure.check, t)}
        </Typography>
      </Stack>
      {reason && (
        <Typography
          variant={full ? 'body2' : 'caption'}
          title={reason}
          sx={full ? { wordBreak: 'break-word' } : { wordBreak: 'break-word', display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
        >
          {reason}
        </Typography>
      )}
    </Stack>
  );
}
