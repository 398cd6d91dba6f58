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

  const columns = useMemo<GridColDef<Person>[]>(() => {
    const now = currentPeriod();
    return [
      { field: 'employeeNo', headerName: t.roster.employeeNo, width: 110 },
      { field: 'name', headerName: t.roster.name, flex: 1, minWidth: 100 },
      { field: 'role', headerName: t.roster.role, width: 150, valueGetter: (_v, row) => t.roles[row.role] },
      { field: 'regionId', headerName: t.roster.region, width: 120, valueGetter: (_v, row) => (row.regionId === null ? '' : (regionName.get(row.regionId) ?? '')) },
      { field: 'managerId', headerName: t.roster.manager, width: 120, valueGetter: (_v, row) => (row.managerId === null ? '' : (personName.get(row.managerId) ?? '')) },
      { field: 'activeFrom', headerName: t.roster.activeFrom, width: 100 },
      { field: 'activeTo', headerName: t.roster.activeTo, width: 100, valueGetter: (v: string | null) => v ?? '' },
      {
        field: 'state',
        headerName: t.roster.state,
        width: 90,
        valueGetter: (_v, row) => (isActive(row, now) ? t.common.active : t.common.inactive),
        renderCell: ({ row }) => (isActive(row, now) ? <Chip label={t.common.active} color="success" variant="outlined" /> : <Chip label={t.common.inactive} />),
      },
      {
        field: 'actions',
        headerName: t.roster.actions,
        width: 170,
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
  }, [t, regionName, personName]);

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
          showToolbar
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
