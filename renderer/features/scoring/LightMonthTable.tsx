/**
 * The month grid's first paint: the rows as a plain, accessible table (role grid / row / gridcell,
 * the DataGrid's columns, widths and values), plain elements and a CSS file — no MUI, so the first
 * paint (app/FirstPaint.tsx) draws it before MUI has loaded. The DataGrid replaces it (MonthGrid).
 */
import type { GridColDef } from '@mui/x-data-grid';
import type { CSSProperties, KeyboardEvent, Ref } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import './lightMonthTable.css';
import { FIRST_PAGE_ROWS } from './monthData.ts';


const STATUS_COLOURS = { 'not-started': 'default', draft: 'warning', ready: 'success', signed: 'info', returned: 'error', approved: 'success' } as const;

function track(col: GridColDef<MonthRow>): string {
  if (col.flex) return `minmax(${col.minWidth ?? 50}px, ${col.flex}fr)`;
  return `${col.width ?? 100}px`;
}

function text(col: GridColDef<MonthRow>, row: MonthRow): string {
  const raw = (row as unknown as Record<string, unknown>)[col.field];
  const value = col.valueGetter ? (col.valueGetter as (v: unknown, r: MonthRow) => unknown)(raw, row) : raw;
  if (col.valueFormatter) return String((col.valueFormatter as (v: unknown, r: MonthRow) => unknown)(value, row) ?? '');
  return value === null || value === undefined ? '' : String(value);
}

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
  // The DataGrid's default: the last-updated column hidden.
  const shown = columns.filter((c) => c.field !== 'updatedAt');
  const page = loading ? [] : rows.slice(0, FIRST_PAGE_ROWS);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, personId: number) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(personId);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement && next.classList.contains('lt-data')) next.focus();
    }
  };

  return (
    <div className="lt-root" ref={ref} role="grid" aria-rowcount={page.length + 1} aria-colcount={shown.length} aria-busy={loading || undefined} style={{ '--lt-columns': shown.map(track).join(' ') } as CSSProperties}>
      <div className="lt-toolbar" />
      <div className="lt-body">
        <div className="lt-row lt-head" role="row" aria-rowindex={1}>
          {shown.map((col) => (
            <div key={col.field} className={col.type === 'number' ? 'lt-cell lt-num' : 'lt-cell'} role="columnheader" data-field={col.field}>
              <span className="lt-text">{col.headerName}</span>
            </div>
          ))}
        </div>
        {page.map((row, i) => (
          <div
            key={row.personId}
            className={`lt-row lt-data status-${row.status}`}
            role="row"
            data-rowindex={i}
            data-id={row.personId}
            aria-rowindex={i + 2}
            tabIndex={i === 0 ? 0 : -1}
            onDoubleClick={() => onOpen(row.personId)}
            onKeyDown={(e) => onKeyDown(e, row.personId)}
          >
            {shown.map((col) => (
              <div key={col.field} className={col.type === 'number' ? 'lt-cell lt-num' : 'lt-cell'} role="gridcell" data-field={col.field}>
                {col.field === 'status' ? (
                  <span className={`lt-chip c-${STATUS_COLOURS[row.status]}${row.status === 'not-started' || row.status === 'approved' ? ' o' : ''}`} data-status={row.status}>
                    <span>{t.status[row.status]}</span>
                  </span>
                ) : col.field === 'flags' ? (
                  row.flags.map((f) => {
                    const label = flagText(row, f);
                    return (
                      <span key={f} className={`lt-chip o c-${f === 'transfer-off-post' ? 'error' : 'warning'}`} title={label}>
                        <span>{label}</span>
                      </span>
                    );
                  })
                ) : (
                  <span className="lt-text">{text(col, row)}</span>
                )}
              </div>
            ))}
          </div>
        ))}
      </div>
      <div className="lt-footer" />
    </div>
  );
}
