/**
 * A sheet's status as a coloured chip: not started (grey), draft (amber), ready (green); then the
 * approval chain's signed (blue), returned (red: reopened) and approved (green, outlined).
 */
import Chip from '@mui/material/Chip';
import type { MonthRow } from '../../shared/api/types.ts';
import { useT } from '../i18n/index.tsx';

const COLOURS = { 'not-started': 'default', draft: 'warning', ready: 'success', signed: 'info', returned: 'error', approved: 'success' } as const;

export function StatusChip({ status }: { status: MonthRow['status'] }) {
  const t = useT();
  return <Chip label={t.status[status]} color={COLOURS[status]} variant={status === 'not-started' || status === 'approved' ? 'outlined' : 'filled'} data-status={status} />;
}
