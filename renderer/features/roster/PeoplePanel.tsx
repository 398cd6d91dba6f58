/** People: a grid (with or without inactive people), add / edit / deactivate. */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { Person } from '../../../shared/api/types.ts';
import { useCall } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { AddIcon } from '../../app/icons.tsx';
import { useT } from '../../i18n/index.tsx';
import { currentPeriod, isActive } from './months.ts';
import { DeactivateDialog } from './DeactivateDialog.tsx';
import { PersonDialog } from './PersonDialog.tsx';

export function PeoplePanel() {
  const t = useT();
  const [includeInactive, setIncludeInactive] = useState(false);
  const people = useCall('people.list', { includeInactive });
  const everyone = useCall('people.list', { includeInactive: true });
  const regions = useCall('regions.list', {});
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<Person | null>(null);

  const regionName = useMemo(() => new Map((regions.data ?? []).map((r) => [r.id, r.name])), [regions.data]);
  const personName = useMemo(() => new Map((everyone.data ?? []).map((p) => [p.id, p.name])), [everyone.data]);
  const reload = () => {
    people.reload();
    everyone.reload();
  };

  const fit = useFit();
  const columns = useMemo<GridColDef<Person>[]>(() => {
    const now = currentPeriod();
    // Short values get what their header needs; names, roles, regions and managers share the rest,
    // the role never less than its longest name in this language.
    const header = (label: string, min = 0) => Math.max(min, fit.header(label));
    return [
      { field: 'employeeNo', headerName: t.roster.employeeNo, width: header(t.roster.employeeNo, 90) },
      { field: 'name', headerName: t.roster.name, flex: 1, minWidth: header(t.roster.name, 100) },
      { field: 'role', headerName: t.roster.role, flex: 1, minWidth: Math.max(fit.cell(Object.values(t.roles)), header(t.roster.role)), valueGetter: (_v, row) => t.roles[row.role] },
      { field: 'regionId', headerName: t.roster.region, flex: 1, minWidth: header(t.roster.region, 100), valueGetter: (_v, row) => (row.regionId === null ? '' : (regionName.get(row.regionId) ?? '')) },
      { field: 'managerId', headerName: t.roster.manager, flex: 1, minWidth: header(t.roster.manager, 100), valueGetter: (_v, row) => (row.managerId === null ? '' : (personName.get(row.managerId) ?? '')) },
      { field: 'activeFrom', headerName: t.roster.activeFrom, width: header(t.roster.activeFrom, 90) },
      { field: 'activeTo', headerName: t.roster.activeTo, width: header(t.roster.activeTo, 90), valueGetter: (v: string | null) => v ?? '' },
      {
        field: 'state',
        headerName: t.roster.state,
        width: Math.max(header(t.roster.state), fit.cell([t.common.active, t.common.inactive], 24)),
        valueGetter: (_v, row) => (isActive(row, now) ? t.common.active : t.common.inactive),
        renderCell: ({ row }) => (isActive(row, now) ? <Chip label={t.common.active} color="success" variant="outlined" /> : <Chip label={t.common.inactive} />),
      },
      {
        field: 'actions',
        headerName: t.roster.actions,
        width: Math.max(header(t.roster.actions), fit.buttons([t.common.edit, t.roster.deactivate])),
        sortable: false,
        filterable: false,
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
            <Button onClick={() => setEditing(row)} data-testid={`person-edit-${row.employeeNo}`}>
              {t.common.edit}
            </Button>
            {row.activeTo === null && (
              <Button color="warning" onClick={() => setDeactivating(row)} data-testid={`person-deactivate-${row.employeeNo}`}>
                {t.roster.deactivate}
              </Button>
            )}
          </Stack>
        ),
      },
    ];
  }, [t, fit, regionName, personName]);

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="person-add">
          {t.roster.addPerson}
        </Button>
        <FormControlLabel
          control={<Switch checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} slotProps={{ input: { 'data-testid': 'include-inactive' } as object }} />}
          label={t.roster.includeInactive}
        />
      </Stack>
      <FailureAlert error={people.error ?? regions.error} onRetry={() => (people.error ? people.reload() : regions.reload())} />
      <div data-testid="roster-grid" style={{ height: 'calc(100vh - 220px)', minHeight: 360 }}>
        <DataGrid
          rows={people.data ?? []}
          columns={columns}
          loading={people.loading}
          density="compact"
          // No toolbar band above the headers (a row of the grid on a laptop); each header's menu sorts, filters and hides.
          showToolbar={false}
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } } }}
          disableRowSelectionOnClick
          onRowDoubleClick={({ row }) => setEditing(row)}
          sx={{ bgcolor: 'background.paper' }}
        />
      </div>
      {editing && (
        <PersonDialog
          person={editing === 'new' ? null : editing}
          people={everyone.data ?? []}
          regions={regions.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {deactivating && (
        <DeactivateDialog
          person={deactivating}
          onClose={() => setDeactivating(null)}
          onDone={() => {
            setDeactivating(null);
            reload();
          }}
        />
      )}
    </Stack>
  );
}
