/**
 * The month grid's first paint: the rows as a plain, accessible table (role grid / row / gridcell,
 * the DataGrid's columns, widths and values), built with plain DOM and a CSS file — no React, no
 * MUI — so the first paint (app/firstPaint.ts) draws it before either has loaded. The month screen
 * shows the same table (LightMonthTable.tsx) until the DataGrid replaces it (MonthGrid).
 */
import type { GridColDef } from '@mui/x-data-grid';
import type { MonthRow } from '../../../shared/api/types.ts';
import { h } from '../../app/dom.ts';
import { flagColour } from '../../app/format.ts';
import type { Messages } from '../../i18n/dictionaries.ts';
import './lightMonthTable.css';
import { FIRST_PAGE_ROWS } from './monthData.ts';

/** The rows' height (lightMonthTable.css; the DataGrid's compact density). */
const ROW_HEIGHT = 36;

const STATUS_COLOURS = { 'not-started': 'default', draft: 'warning', ready: 'success', signed: 'info', returned: 'error', approved: 'success' } as const;

export interface LightTable {
  rows: readonly MonthRow[];
  columns: GridColDef<MonthRow>[];
  loading: boolean;
  t: Messages;
  onOpen: (personId: number) => void;
  /** A flag in words, as the DataGrid's flags column shows it. */
  flagText: (row: MonthRow, flag: string) => string;
}

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

const cellClass = (col: GridColDef<MonthRow>) => (col.type === 'number' ? 'lt-cell lt-num' : 'lt-cell');

function cell(col: GridColDef<MonthRow>, row: MonthRow, table: LightTable): HTMLElement {
  let content: Node | Node[];
  if (col.field === 'status') {
    const outlined = row.status === 'not-started' || row.status === 'approved' ? ' o' : '';
    content = h('span', { class: `lt-chip c-${STATUS_COLOURS[row.status]}${outlined}`, 'data-status': row.status }, h('span', {}, table.t.status[row.status]));
  } else if (col.field === 'flags') {
    content = row.flags.map((f) => {
      const label = table.flagText(row, f);
      return h('span', { class: `lt-chip o c-${flagColour(f)}`, title: label }, h('span', {}, label));
    });
    // A sheet whose current content is an amendment says so, as the DataGrid does.
    if (row.amendment !== undefined) {
      const label = table.t.amend.fromAmendment(row.amendment);
      content.unshift(h('span', { class: 'lt-chip c-info', title: table.t.amend.fromAmendmentHelp(row.amendment), 'data-amendment': row.amendment }, h('span', {}, label)));
    }
  } else {
    content = h('span', { class: 'lt-text' }, text(col, row));
  }
  return h('div', { class: cellClass(col), role: 'gridcell', 'data-field': col.field }, content);
}

/** The table as an element; Enter or a double-click on a row opens it, arrow keys move between rows. */
export function lightMonthTable(table: LightTable): HTMLDivElement {
  // The DataGrid's default: the last-updated column hidden.
  const shown = table.columns.filter((c) => c.field !== 'updatedAt');
  const page = table.loading ? [] : table.rows.slice(0, FIRST_PAGE_ROWS);
  const head = h(
    'div',
    { class: 'lt-row lt-head', role: 'row', 'aria-rowindex': 1 },
    shown.map((col) => h('div', { class: cellClass(col), role: 'columnheader', 'data-field': col.field }, h('span', { class: 'lt-text' }, col.headerName ?? ''))),
  );
  const row = (data: MonthRow, i: number) =>
    h(
      'div',
      { class: `lt-row lt-data status-${data.status}`, role: 'row', 'data-rowindex': i, 'data-id': data.personId, 'aria-rowindex': i + 2, tabindex: i === 0 ? 0 : -1 },
      shown.map((col) => cell(col, data, table)),
    );
  // The rows in view first; the rest a frame later, so the first frame lays out only what shows.
  // (A window not shown yet may report no height: then a screenful of a small one.)
  const inView = Math.min(page.length, Math.ceil((window.innerHeight || 600) / ROW_HEIGHT));
  const body = h('div', { class: 'lt-body' }, head, page.slice(0, inView).map(row));
  if (inView < page.length) requestAnimationFrame(() => setTimeout(() => body.append(...page.slice(inView).map((data, i) => row(data, inView + i))), 0));
  const root = h(
    'div',
    { class: 'lt-root', role: 'grid', 'aria-rowcount': page.length + 1, 'aria-colcount': shown.length, 'aria-busy': table.loading ? 'true' : undefined },
    h('div', { class: 'lt-toolbar' }),
    body,
    h('div', { class: 'lt-footer' }),
  );
  root.style.setProperty('--lt-columns', shown.map(track).join(' '));

  const rowOf = (event: Event) => (event.target instanceof Element ? event.target.closest<HTMLElement>('.lt-data') : null);
  root.addEventListener('dblclick', (event) => {
    const row = rowOf(event);
    if (row) table.onOpen(Number(row.dataset.id));
  });
  root.addEventListener('keydown', (event) => {
    const row = rowOf(event);
    if (!row) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      table.onOpen(Number(row.dataset.id));
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (next instanceof HTMLElement && next.classList.contains('lt-data')) next.focus();
    }
  });
  return root;
}
