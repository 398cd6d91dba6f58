/**
 * Per-file outcomes of an import: HR's import of approved sheets (imported / replaced /
 * already imported / refused) and the manager's import of return notes (reopened / already
 * imported / refused); a refusal says why in the UI's language.
 */
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { HrImportOutcome, ReturnImportOutcome } from '../../../shared/api/types.ts';
import { failureText } from '../../app/refusalText.ts';
import { navigate } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { sha8 } from './availability.ts';

type Outcome = HrImportOutcome['outcome'] | ReturnImportOutcome['outcome'];

const COLOURS: Record<Outcome, 'success' | 'info' | 'error'> = { imported: 'success', replaced: 'success', reopened: 'success', 'already-imported': 'info', refused: 'error' };

interface Row {
  fileName: string;
  sha256: string;
  outcome: Outcome;
  /** In English; `refusal` is what is shown. */
  message: string;
  refusal?: HrImportOutcome['refusal'];
  /** Who and which month, when known. */
  about: string | null;
  /** HR's import: the sheet's version the file carries, and the sheet (to open it and its versions). */
  version?: number;
  sheet?: { personId: number; period: string } | null;
  /** HR's import: what became of the figures the sheet carries. */
  figures?: HrImportOutcome['figures'];
}

function OutcomeList({ rows, testId, title, onClose }: { rows: readonly Row[]; testId: string; title: string; onClose?: () => void }) {
  const t = useT();
  const refused = rows.filter((r) => r.outcome === 'refused').length;
  return (
    <Alert severity={refused === 0 ? 'success' : refused === rows.length ? 'error' : 'warning'} data-testid={testId} {...(onClose ? { onClose } : {})}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {title}
      </Typography>
      <Stack spacing={0.75}>
        {rows.map((row) => (
          <Stack key={`${row.sha256}-${row.fileName}`} direction="row" spacing={1} sx={{ alignItems: 'baseline' }} data-testid={`${testId}-${sha8(row.sha256)}`} data-outcome={row.outcome}>
            <Chip size="small" color={COLOURS[row.outcome]} label={t.approvals.outcomes[row.outcome]} sx={{ flexShrink: 0 }} />
            <Typography variant="body2" component="div" sx={{ minWidth: 0, wordBreak: 'break-word' }}>
              <b>{row.fileName}</b>
              {row.about && ` · ${row.about}`}
              {row.outcome === 'refused' && (
                <Typography variant="caption" component="div" color="error">
                  {failureText(row, t)}
                </Typography>
              )}
              {row.outcome === 'replaced' && (
                <Typography variant="caption" component="div" color="text.secondary" data-testid="hr-import-replaced">
                  {row.version !== undefined && row.version > 1 ? t.amend.replaced(row.version - 1, row.version) : t.approvals.hr.replacedText}
                </Typography>
              )}
              {row.outcome === 'imported' && row.version !== undefined && row.version > 1 && (
                <Typography variant="caption" component="div" color="text.secondary">
                  {t.amend.importedVersion(row.version)}
                </Typography>
              )}
              {row.figures && row.sheet && (row.figures.stored.length > 0 || row.figures.conflicts.length > 0) && (
                <Typography variant="caption" component="div" color="warning.dark" data-testid="hr-import-figures">
                  {t.figures.fromSheets.imported(row.figures.stored.length, row.figures.conflicts.length)}{' '}
                  <Link
                    component="button"
                    type="button"
                    variant="caption"
                    onClick={() => navigate({ screen: 'reports', view: 'pay', period: row.sheet!.period })}
                    data-testid="hr-import-open-pay"
                  >
                    {t.figures.fromSheets.openPay}
                  </Link>
                </Typography>
              )}
              {row.sheet && (row.outcome === 'replaced' || (row.version ?? 1) > 1) && (
                <Link component="button" type="button" variant="caption" onClick={() => navigate({ screen: 'sheet', personId: row.sheet!.personId, period: row.sheet!.period })} data-testid="hr-import-open-sheet">
                  {t.amend.openHistory}
                </Link>
              )}
            </Typography>
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}

export function HrImportResult({ outcomes, onClose }: { outcomes: readonly HrImportOutcome[]; onClose?: () => void }) {
  const t = useT();
  const rows = outcomes.map((o) => ({
    ...o,
    about: o.employeeNo ? [o.employeeNo, o.period].filter(Boolean).join(' · ') : null,
    sheet: o.personId !== null && o.period !== null ? { personId: o.personId, period: o.period } : null,
  }));
  return <OutcomeList rows={rows} testId="hr-import-result" title={t.approvals.hr.result(outcomes.length)} {...(onClose ? { onClose } : {})} />;
}

export function ReturnImportResult({ outcomes, onClose }: { outcomes: readonly ReturnImportOutcome[]; onClose?: () => void }) {
  const t = useT();
  const rows = outcomes.map((o) => ({ ...o, about: o.note ? `${o.note.name} (${o.note.employeeNo}) · ${o.note.period}` : null }));
  return <OutcomeList rows={rows} testId="returns-result" title={t.approvals.returns.result(outcomes.length)} {...(onClose ? { onClose } : {})} />;
}
