/**
 * The light month table (lightMonthTable.ts, plain DOM) in the month screen, shown until the
 * DataGrid has loaded (MonthGrid). The first paint draws the same table before React has loaded.
 */
import type { GridColDef } from '@mui/x-data-grid';
import { useLayoutEffect, useRef, type Ref } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { lightMonthTable } from './lightMonthTable.ts';

export function LightMonthTable({
  rows,
  columns,
  loading,
  onOpen,
  flagText,
  ref,
}: {
  rows: readonly MonthRow[];
  columns: GridColDef<MonthRow>[];
  loading: boolean;
  onOpen: (personId: number) => void;
  /** A flag in words, as the DataGrid's flags column shows it. */
  flagText: (row: MonthRow, flag: string) => string;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement | null>(null);
  // The callbacks change every render; the table is redrawn only when what it shows changes (a
  // redraw would drop the keyboard focus).
  const latest = useRef({ onOpen, flagText });
  latest.current = { onOpen, flagText };
  useLayoutEffect(() => {
    const table = lightMonthTable({
      rows,
      columns,
      loading,
      t,
      onOpen: (personId) => latest.current.onOpen(personId),
      flagText: (row, flag) => latest.current.flagText(row, flag),
    });
    host.current?.replaceChildren(table);
  }, [rows, columns, loading, t]);

  return (
    <div
      style={{ height: '100%' }}
      ref={(element) => {
        host.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref) ref.current = element;
      }}
    />
  );
}
