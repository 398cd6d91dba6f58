/**
 * Import a month's salary totals and KPIs: pick the month, choose or drop a CSV/XLSX file →
 * figures.preview (nothing written) → every row with its action and problems → Import
 * (figures.import) once no row has an error. Same flow and limits as the roster import.
 */
import Chip from '@mui/material/Chip';
import type { GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import type { FiguresImportResult, FiguresPreview, FiguresRow } from '../../../shared/api/report-types.ts';
import { formatYuan, kpiLines } from '../../../shared/kpi.ts';
import { formatPeriod, previousPeriod } from '../../../shared/period.ts';
import { invoke } from '../../api/client.ts';
import { FileImportPanel, ImportPreview, useFileImport, WrappedCell, type FileUpload } from '../../app/FileImport.tsx';
import { MonthPicker } from '../../app/MonthPicker.tsx';
import { rowProblemsText } from '../../app/ruleText.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Upload extends FileUpload {
  period: string;
}

/** Salaries are usually imported after the month: last month by default. */
const lastMonth = () => {
  const now = new Date();
  return formatPeriod(previousPeriod({ year: now.getFullYear(), month: now.getMonth() + 1 }));
};

export function FiguresImportPanel() {
  const { t } = useI18n();
  const tf = t.figures;
  const [period, setPeriod] = useState(lastMonth);
  const state = useFileImport({
    toUpload: (file): Upload => ({ ...file, period }),
    preview: (upload: Upload) => invoke('figures.preview', upload),
    commit: (upload: Upload) => invoke('figures.import', upload),
  });
  const { upload, preview, importer } = state;

  const changeMonth = (p: string) => {
    setPeriod(p);
    // The preview is of one month: read the same file again for the new one.
    if (upload) state.check({ ...upload, period: p });
  };

  return (
    <FileImportPanel
      state={state}
      prefix="figures"
      title={tf.importTitle}
      help={tf.importHelp}
      helpMaxWidth={900}
      controls={<MonthPicker value={period} onChange={changeMonth} testId="figures-import-month" />}
      // The file is the authority: it says how many figures from signed sheets it replaced (figures.import's result).
      doneText={(c) => {
        const r = c as Partial<FiguresImportResult>;
        return r.fromSheets || r.conflictsSettled ? `${tf.done(c)} ${tf.doneFromSheets({ fromSheets: r.fromSheets ?? 0, conflictsSettled: r.conflictsSettled ?? 0 })}` : tf.done(c);
      }}
    >
      {preview && <PreviewTable preview={preview} busy={importer.busy} onConfirm={() => void state.confirm()} />}
    </FileImportPanel>
  );
}

function PreviewTable({ preview, busy, onConfirm }: { preview: FiguresPreview; busy: boolean; onConfirm: () => void }) {
  const { t, lang } = useI18n();
  const tf = t.figures;
  const columns = useMemo<GridColDef<FiguresRow>[]>(
    () => [
      { field: 'row', headerName: tf.row, type: 'number', width: 70 },
      { field: 'employeeNo', headerName: tf.employeeNo, width: 120 },
      { field: 'name', headerName: tf.name, width: 110 },
      {
        field: 'salaryTotal',
        headerName: tf.salaryTotal,
        width: 140,
        align: 'right',
        headerAlign: 'right',
        valueGetter: (_v, row) => (row.salaryTotal === null ? '' : formatYuan(row.salaryTotal)),
      },
      {
        field: 'kpis',
        headerName: tf.indicators,
        flex: 3,
        minWidth: 320,
        valueGetter: (_v, row) => kpiLines(row.kpis, lang).map((l) => `${l.name} ${l.value}`).join(' · '),
        renderCell: ({ value }) => <WrappedCell value={value} />,
      },
      {
        field: 'action',
        headerName: tf.action,
        width: 100,
        valueGetter: (_v, row) => tf.actions[row.action],
        renderCell: ({ row }) => (
          <Chip
            label={tf.actions[row.action]}
            color={row.action === 'error' ? 'error' : row.action === 'add' ? 'primary' : row.action === 'update' ? 'info' : 'default'}
            variant="outlined"
          />
        ),
      },
      {
        field: 'problems',
        headerName: tf.problems,
        flex: 2,
        minWidth: 260,
        valueGetter: (_v, row) => rowProblemsText(row.problems, t),
        renderCell: ({ value }) => <WrappedCell value={value} error />,
      },
    ],
    [t, tf, lang],
  );
  return (
    <ImportPreview
      prefix="figures"
      preview={preview}
      columns={columns}
      getRowId={(r) => r.row}
      height={420}
      chips={<Chip label={`${tf.month}: ${preview.period}`} variant="outlined" />}
      confirmLabel={tf.confirm(preview.period)}
      busy={busy}
      onConfirm={onConfirm}
    />
  );
}
