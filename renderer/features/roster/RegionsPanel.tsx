/** Regions: add, rename, activate / deactivate. */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState, type FormEvent } from 'react';
import type { Region } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { FailureAlert, problemText } from '../../app/FailureAlert.tsx';
import { useFit } from '../../app/fit.ts';
import { AddIcon } from '../../app/icons.tsx';
import { problemsAt, problemsOf } from '../../app/problems.ts';
import { useT } from '../../i18n/index.tsx';

export function RegionsPanel() {
  const t = useT();
  const regions = useCall('regions.list', {});
  const [editing, setEditing] = useState<Region | 'new' | null>(null);
  const toggle = useAction((region: Region) => invoke('regions.setActive', { id: region.id, active: !region.active }));

  const fit = useFit();
  const columns = useMemo<GridColDef<Region>[]>(
    () => [
      { field: 'code', headerName: t.roster.code, flex: 1, minWidth: Math.max(100, fit.header(t.roster.code)) },
      { field: 'name', headerName: t.roster.regionName, flex: 2, minWidth: Math.max(160, fit.header(t.roster.regionName)) },
      {
        field: 'active',
        headerName: t.roster.state,
        width: Math.max(fit.header(t.roster.state), fit.cell([t.common.active, t.common.inactive], 24)),
        type: 'boolean',
        renderCell: ({ row }) => (row.active ? <Chip label={t.common.active} color="success" variant="outlined" /> : <Chip label={t.common.inactive} />),
      },
      {
        field: 'actions',
        headerName: t.roster.actions,
        width: Math.max(fit.header(t.roster.actions), fit.buttons([t.common.edit, t.roster.deactivate]), fit.buttons([t.common.edit, t.roster.activate])),
        sortable: false,
        filterable: false,
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
            <Button onClick={() => setEditing(row)} data-testid={`region-edit-${row.code}`}>
              {t.common.edit}
            </Button>
            <Button
              color={row.active ? 'warning' : 'success'}
              disabled={toggle.busy}
              onClick={() => void toggle.run(row).then((done) => done && regions.reload())}
              data-testid={`region-toggle-${row.code}`}
            >
              {row.active ? t.roster.deactivate : t.roster.activate}
            </Button>
          </Stack>
        ),
      },
    ],
    [t, fit, toggle, regions],
  );

  return (
    <Stack spacing={1.5}>
      <div>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="region-add">
          {t.roster.addRegion}
        </Button>
      </div>
      <FailureAlert error={regions.error ?? toggle.error} onRetry={regions.reload} />
      <div data-testid="regions-grid" style={{ height: 'calc(100vh - 220px)', minHeight: 300, maxWidth: 860 }}>
        <DataGrid
          rows={regions.data ?? []}
          columns={columns}
          loading={regions.loading}
          density="compact"
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100, page: 0 } } }}
          disableRowSelectionOnClick
          onRowDoubleClick={({ row }) => setEditing(row)}
          sx={{ bgcolor: 'background.paper' }}
        />
      </div>
      {editing && (
        <RegionDialog
          region={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            regions.reload();
          }}
        />
      )}
    </Stack>
  );
}

function RegionDialog({ region, onClose, onSaved }: { region: Region | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [code, setCode] = useState(region?.code ?? '');
  const [name, setName] = useState(region?.name ?? '');
  const save = useAction(() => invoke('regions.save', { ...(region ? { id: region.id } : {}), code: code.trim(), name: name.trim() }));
  const problems = problemsOf(save.error);
  const error = (field: string) => problemsAt(problems, field).map((p) => problemText(p, t, false))[0];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save.run()) onSaved();
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{region ? t.roster.editRegion : t.roster.addRegion}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t.roster.code}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              autoFocus
              error={Boolean(error('code'))}
              helperText={error('code')}
              slotProps={{ htmlInput: { maxLength: 20, 'data-testid': 'region-code' } }}
            />
            <TextField
              label={t.roster.regionName}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              error={Boolean(error('name'))}
              helperText={error('name')}
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'region-name' } }}
            />
            {save.error && (problems.length === 0 || problems.some((p) => p.field !== 'code' && p.field !== 'name')) && <FailureAlert error={save.error} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t.common.cancel}</Button>
          <Button type="submit" variant="contained" disabled={save.busy} data-testid="region-save">
            {save.busy ? t.common.saving : t.common.save}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
