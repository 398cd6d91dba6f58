/**
 * Roster import: choose or drop a CSV/XLSX file → roster.preview (nothing written) → the
 * preview with every row's errors → Import (roster.import) once no errors remain.
 */
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import type { GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { RosterPreview, RosterRow } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { FileImportPanel, ImportPreview, useFileImport, WrappedCell } from '../../app/FileImport.tsx';
import { useFit } from '../../app/fit.ts';
import { rowProblemsText } from '../../app/ruleText.ts';
import { useT } from '../../i18n/index.tsx';

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const t = useT();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const state = useFileImport({
    toUpload: (file) => file,
    preview: (upload) => invoke('roster.preview', upload),
    commit: (upload) => invoke('roster.import', upload),
    // The rows with errors first: they are what is left to fix.
    onPreview: (preview) => setOnlyErrors(preview.errorCount > 0),
    onImported,
  });
  const { preview, importer } = state;

  return (
    <FileImportPanel state={state} prefix="roster" title={t.roster.import.title} help={t.roster.import.help} doneText={t.roster.import.done}>
      {preview && <PreviewView preview={preview} onlyErrors={onlyErrors} setOnlyErrors={setOnlyErrors} busy={importer.busy} onConfirm={() => void state.confirm()} />}
    </FileImportPanel>
  );
}

function PreviewView({
  preview,
  onlyErrors,
  setOnlyErrors,
  busy,
  onConfirm,
}: {
  preview: RosterPreview;
  onlyErrors: boolean;
  setOnlyErrors: (v: boolean) => void;
  busy: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  const tr = t.roster.import;
  const fit = useFit();
  const columns = useMemo<GridColDef<RosterRow>[]>(() => {
    const header = (label: string, min = 0) => Math.max(min, fit.header(label));
    const columnLabels: Record<string, string> = { employeeNo: t.roster.employeeNo, name: t.roster.name, role: t.roster.role, region: t.roster.region, activeFrom: t.roster.activeFrom };
    return [
      { field: 'line', headerName: tr.line, type: 'number', width: header(tr.line, 70) },
      { field: 'employeeNo', headerName: t.roster.employeeNo, width: header(t.roster.employeeNo, 90) },
      { field: 'name', headerName: t.roster.name, flex: 1, minWidth: header(t.roster.name, 100) },
      { field: 'role', headerName: t.roster.role, flex: 1, minWidth: Math.max(fit.cell(Object.values(t.roles)), header(t.roster.role)) },
      { field: 'region', headerName: t.roster.region, flex: 1, minWidth: header(t.roster.region, 100) },
      { field: 'activeFrom', headerName: t.roster.activeFrom, width: header(t.roster.activeFrom, 90) },
      {
        field: 'action',
        headerName: tr.action,
        width: Math.max(header(tr.action), fit.cell(Object.values(tr.actions), 24)),
        valueGetter: (_v, row) => tr.actions[row.action],
        renderCell: ({ row }) => (
          <Chip label={tr.actions[row.action]} color={row.problems.length ? 'default' : row.action === 'add' ? 'primary' : row.action === 'update' ? 'info' : 'default'} variant="outlined" />
        ),
      },
      {
        field: 'errors',
        headerName: tr.rowErrors,
        flex: 3,
        minWidth: 240,
        valueGetter: (_v, row) => rowProblemsText(row.problems, t, (field) => columnLabels[field] ?? field),
        renderCell: ({ value }) => <WrappedCell value={value} error />,
      },
    ];
  }, [t, tr, fit]);

  return (
    <ImportPreview
      prefix="roster"
      preview={preview}
      rows={onlyErrors ? preview.rows.filter((r) => r.problems.length) : preview.rows}
      columns={columns}
      getRowId={(r) => r.line}
      height={480}
      controls={<FormControlLabel control={<Switch checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />} label={tr.onlyErrors} />}
      confirmLabel={tr.confirm}
      busy={busy}
      onConfirm={onConfirm}
    />
  );
}
