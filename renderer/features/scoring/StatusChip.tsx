/** A sheet's status as a coloured chip: not started (grey), draft (amber), ready (green). */
import Chip from '@mui/material/Chip';
import type { MonthRow } from '../../../shared/api/types.ts';
import { useT } from '../../i18n/index.tsx';

const COLOURS = { 'not-started': 'default', draft: 'warning', ready: 'success' } as const;

export function StatusChip({ status }: { status: MonthRow['status'] }) {
  const t = useT();
  return <Chip label={t.status[status]} color={COLOURS[status]} variant={status === 'not-started' ? 'outlined' : 'filled'} data-status={status} />;
}
