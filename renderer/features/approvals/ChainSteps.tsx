/**
 * The approval chain of a received sheet, as the backend reported it: each step of `steps` with
 * who signed it (from `signers`), and the next step. Compact (a table cell) or in full (the
 * details: signing time, comment, fingerprint).
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ChainRole, InboxEntry, SignerInfo } from '../../../shared/api/types.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n, type Messages } from '../../i18n/index.tsx';
import { Fingerprint } from '../../app/Fingerprint.tsx';

/** 'approved' / 'returned': the step that was next, handled in this app (approved in a new signed copy, or returned). */
type StepState = 'signed' | 'next' | 'waiting' | 'approved' | 'returned';

interface Step {
  role: ChainRole | null;
  state: StepState;
  signer: SignerInfo | null;
}

/** The steps with their signers; without known steps, the signatures as they are. */
function stepsOf(entry: ChainOf): Step[] {
  if (!entry.steps) return entry.signers.map((signer) => ({ role: signer.role, state: 'signed', signer }));
  const handled: StepState = entry.state === 'approved' ? 'approved' : entry.state === 'returned' ? 'returned' : 'next';
  return entry.steps.map((role) => {
    const signer = entry.signers.find((s) => s.role === role) ?? null;
    return { role, signer, state: signer ? 'signed' : role === entry.nextStep ? handled : 'waiting' };
  });
}

type ChainOf = Pick<InboxEntry, 'steps' | 'signers' | 'nextStep' | 'state'>;

const MARK: Record<StepState, { mark: string; color: string }> = {
  signed: { mark: '✓', color: 'success.main' },
  next: { mark: '→', color: 'warning.dark' },
  waiting: { mark: '·', color: 'text.disabled' },
  approved: { mark: '✓', color: 'success.main' },
  returned: { mark: '↩', color: 'error.main' },
};

/** What a step without a signature says: next, approved here, returned (nothing while waiting). */
function unsigned(state: StepState, tc: Messages['approvals']['chain']): string {
  return state === 'next' || state === 'approved' || state === 'returned' ? tc[state] : '';
}

export function ChainCompact({ entry, testId }: { entry: ChainOf; testId?: string }) {
  const { t } = useI18n();
  const steps = stepsOf(entry);
  if (steps.length === 0) {
    return (
      <Typography variant="caption" color="text.secondary" data-testid={testId}>
        {t.approvals.chain.none}
      </Typography>
    );
  }
  return (
    <Stack spacing={0} data-testid={testId}>
      {steps.map((step, i) => (
        <Typography
          key={i}
          variant="caption"
          component="div"
          data-testid={step.role ? `chain-step-${step.role}` : undefined}
          data-state={step.state}
          sx={{ lineHeight: 1.45, whiteSpace: 'nowrap', color: step.state === 'waiting' ? 'text.secondary' : 'text.primary' }}
        >
          <Box component="span" sx={{ color: MARK[step.state].color, fontWeight: 700, display: 'inline-block', width: '1.1em' }}>
            {MARK[step.state].mark}
          </Box>
          {step.role ? t.chainRoles[step.role] : t.approvals.chain.unknownRole}
          {step.signer ? ` · ${step.signer.name}` : unsigned(step.state, t.approvals.chain) && ` · ${unsigned(step.state, t.approvals.chain)}`}
        </Typography>
      ))}
    </Stack>
  );
}

export function ChainTable({ entry }: { entry: ChainOf }) {
  const { t, lang } = useI18n();
  const tc = t.approvals.chain;
  const steps = stepsOf(entry);
  if (steps.length === 0) return <Typography variant="body2">{tc.none}</Typography>;
  return (
    <Table size="small" data-testid="inbox-details-chain" sx={{ '& td, & th': { verticalAlign: 'top', px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>{tc.step}</TableCell>
          <TableCell>{tc.signer}</TableCell>
          <TableCell>{tc.signedAt}</TableCell>
          <TableCell>{tc.comment}</TableCell>
          <TableCell>{tc.fingerprint}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map((step, i) => (
          <TableRow key={i} data-state={step.state}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Box component="span" sx={{ color: MARK[step.state].color, fontWeight: 700, mr: 0.5 }}>
                {MARK[step.state].mark}
              </Box>
              {step.role ? t.chainRoles[step.role] : tc.unknownRole}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{step.signer?.name ?? (unsigned(step.state, tc) || tc.notYet)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{step.signer ? dateTime(step.signer.signingTime, lang) : ''}</TableCell>
            <TableCell sx={{ minWidth: 120 }}>{step.signer?.comment || ''}</TableCell>
            <TableCell sx={{ minWidth: 160 }}>{step.signer && <Fingerprint value={step.signer.fingerprint} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
