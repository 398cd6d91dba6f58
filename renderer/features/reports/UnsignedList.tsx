/** The month's sheets not yet signed, overdue ones in red, with the date they are due to HR. Click a name to open the sheet. */
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DashboardData } from '../../../shared/api/report-types.ts';
import { useRoute } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { StatusChip } from '../../app/StatusChip.tsx';

export function UnsignedList({ data }: { data: DashboardData }) {
  const t = useT();
  const td = t.reports.dashboard;
  const [, go] = useRoute();
  if (data.unsigned.length === 0) return <Typography color="text.secondary">{td.allSigned}</Typography>;
  // Overdue first: they need chasing.
  const rows = [...data.unsigned].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return (
    <TableContainer sx={{ maxHeight: 320 }}>
      <Table size="small" stickyHeader data-testid="unsigned-table">
        <TableHead>
          <TableRow>
            <TableCell>{t.reports.columns.name}</TableCell>
            <TableCell>{t.reports.columns.region}</TableCell>
            <TableCell>{t.reports.columns.status}</TableCell>
            <TableCell>{td.handInColumn}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.personId} data-testid={`unsigned-row-${r.personId}`} data-overdue={r.overdue}>
              <TableCell>
                <Link component="button" onClick={() => go({ screen: 'sheet', personId: r.personId, period: data.period })} sx={{ color: r.overdue ? 'error.main' : undefined }}>
                  {r.name}
                </Link>
              </TableCell>
              <TableCell>{r.regionName ?? '—'}</TableCell>
              <TableCell>
                <StatusChip status={r.status} />
              </TableCell>
              <TableCell>{r.overdue ? <Chip color="error" label={td.overdue} /> : <Typography variant="body2" color="text.secondary">{td.onTime}</Typography>}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
