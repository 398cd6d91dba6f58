/** The audit log: who changed what and when, each change summarised; the full record on demand. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useState } from 'react';
import type { AuditEntry, Region } from '../../../shared/api/types.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { dateTime } from '../../app/format.ts';
import { ExpandLessIcon, ExpandMoreIcon } from '../../app/icons.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRubricItemTitles } from '../../app/itemTitles.ts';
import { Section } from '../../app/Section.tsx';
import { auditAction, auditActor, auditEntity, auditSummary, ACTOR_NOT_SET, type AuditLookups } from './auditSummary.ts';

export function AuditLog({ regions }: { regions: readonly Region[] }) {
  const { t } = useI18n();
  const audit = useCall('audit.list', { limit: 200 });
  const people = useCall('people.list', { includeInactive: true });
  const itemTitle = useRubricItemTitles();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const entries = audit.data ?? [];

  const lookups = useMemo<AuditLookups>(() => {
    const regionNames = new Map(regions.map((r) => [r.id, r.name]));
    const personNames = new Map((people.data ?? []).map((p) => [p.id, p.name]));
    return { itemTitle, regionName: (id) => regionNames.get(id), personName: (id) => personNames.get(id) };
  }, [regions, people.data, itemTitle]);

  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Section
      title={t.settings.audit}
      action={
        <Button
          onClick={() => {
            audit.reload();
            people.reload();
          }}
          disabled={audit.loading}
        >
          {t.common.refresh}
        </Button>
      }
    >
      <FailureAlert error={audit.error} onRetry={audit.reload} />
      {audit.data && entries.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t.settings.auditEmpty}
        </Typography>
      )}
      {entries.length > 0 && (
        <TableContainer sx={{ maxHeight: 'calc(100vh - 220px)' }}>
          <Table stickyHeader data-testid="audit-table" sx={{ '& td, & th': { verticalAlign: 'top' } }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '1%', whiteSpace: 'nowrap' }}>{t.settings.at}</TableCell>
                <TableCell sx={{ width: '1%', whiteSpace: 'nowrap' }}>{t.settings.actor}</TableCell>
                <TableCell sx={{ width: '22%' }}>{t.settings.entity}</TableCell>
                <TableCell>{t.settings.change}</TableCell>
                <TableCell sx={{ width: 40 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((e) => (
                <AuditRow key={e.id} entry={e} lookups={lookups} expanded={open.has(e.id)} onToggle={() => toggle(e.id)} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Section>
  );
}

function AuditRow({ entry, lookups, expanded, onToggle }: { entry: AuditEntry; lookups: AuditLookups; expanded: boolean; onToggle: () => void }) {
  const { t, lang } = useI18n();
  const notSet = entry.actor === ACTOR_NOT_SET;
  const detailsId = `audit-details-${entry.id}`;
  const label = expanded ? t.settings.hideDetails : t.settings.details;
  return (
    <Fragment>
      <TableRow hover sx={{ '& > td': { borderBottom: expanded ? 'none' : undefined } }} data-testid={`audit-row-${entry.id}`}>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(entry.at, lang)}</TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap', ...(notSet ? { color: 'text.secondary', fontStyle: 'italic' } : {}) }}>{auditActor(entry.actor, t)}</TableCell>
        <TableCell>
          <Typography variant="body2">{auditAction(entry.action, t)}</Typography>
          <Typography variant="caption" color="text.secondary">
            {auditEntity(entry, t)}
          </Typography>
        </TableCell>
        <TableCell data-testid={`audit-change-${entry.id}`}>
          {auditSummary(entry, t, lookups).map((line, i) => (
            <Typography key={i} variant="body2" color={i === 0 ? 'text.primary' : 'text.secondary'} sx={{ overflowWrap: 'anywhere' }}>
              {line}
            </Typography>
          ))}
        </TableCell>
        <TableCell padding="none" sx={{ pt: 0.5 }}>
          <Tooltip title={label}>
            <IconButton aria-label={label} aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={onToggle} data-testid={`audit-details-${entry.id}`}>
              {expanded ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
            </IconButton>
          </Tooltip>
        </TableCell>
      </TableRow>
      {expanded && (
        <TableRow>
          <TableCell colSpan={5} sx={{ pt: 0 }} id={detailsId}>
            <Collapse in appear>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ pb: 0.5 }}>
                <Json label={t.settings.before} value={entry.before} />
                <Json label={t.settings.after} value={entry.after} />
              </Stack>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  const { t } = useI18n();
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Box
        component="pre"
        tabIndex={0}
        sx={{ m: 0, p: 1, maxHeight: 320, overflow: 'auto', bgcolor: 'grey.50', border: 1, borderColor: 'divider', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {value === null || value === undefined ? t.common.none : JSON.stringify(value, null, 2)}
      </Box>
    </Box>
  );
}
