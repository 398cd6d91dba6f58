/** A table of certificate holders (my identities, trusted signers): name, role, fingerprint, a date and a row action. */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ChainRole } from '../../../shared/api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Fingerprint } from '../../app/Fingerprint.tsx';
import { fingerprintCode } from '../../../shared/fingerprint.ts';

interface Signer {
  fingerprint: string;
  name: string;
  email?: string | null;
  employeeNo?: string | null;
  role: ChainRole;
}

export function SignerTable<R extends Signer>(props: { rows: readonly R[]; testId: string; dateLabel: string; date: (row: R) => ReactNode; action: (row: R) => ReactNode }) {
  const { t } = useI18n();
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Table size="small" data-testid={props.testId} sx={{ '& td, & th': { verticalAlign: 'top' } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={nowrap}>{t.signing.name}</TableCell>
          <TableCell sx={nowrap}>{t.signing.role}</TableCell>
          <TableCell>{t.signing.fingerprint}</TableCell>
          <TableCell sx={nowrap}>{props.dateLabel}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((row) => (
          <TableRow key={row.fingerprint} hover>
            <TableCell sx={nowrap}>
              {row.name}
              {row.email && (
                <Typography variant="caption" color="text.secondary" component="div">
                  {row.email}
                </Typography>
              )}
              {row.employeeNo && (
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.signing.employeeNoShort(row.employeeNo)}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={nowrap}>{t.chainRoles[row.role]}</TableCell>
            <TableCell sx={{ minWidth: 180 }}>
              <Fingerprint value={row.fingerprint} />
              <Typography variant="caption" component="div" title={t.signing.phoneCode} data-testid="phone-code" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace', fontWeight: 600, mt: 0.5 }}>
                {t.signing.phoneCode}: {fingerprintCode(row.fingerprint)}
              </Typography>
            </TableCell>
            <TableCell sx={nowrap}>{props.date(row)}</TableCell>
            <TableCell align="right" sx={nowrap}>
              {props.action(row)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
