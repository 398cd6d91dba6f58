/**
 * The month's people: first as a light, plain table (the same columns and values, shown as soon as
 * the rows arrive), then — once its chunk has loaded and the browser is idle — the full DataGrid
 * (filter, sort, pages) takes its place. Enter / double-click opens a sheet in both.
 */
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { GridColDef } from '@mui/x-data-grid';
import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MonthRow } from '../../../shared/api/types.ts';
import { useFit } from '../../app/fit.ts';
import { flagColour } from '../../app/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useItemTitles } from '../../app/itemTitles.ts';
import { LightMonthTable } from './LightMonthTable.tsx';
import { monthColumns, monthFlagText } from './monthColumns.ts';
import { gridMemory } from './monthGridState.ts';
import { StatusChip } from '../../app/StatusChip.tsx';

type GridModule = typeof import('./MonthDataGrid.tsx');
type GridComponent = GridModule['default'];
let gridModule: GridModule | null = null;
let gridLoading: Promise<GridModule> | null = null;

/** Load the DataGrid's chunk (once). */
export function loadMonthDataGrid(): Promise<GridModule> {
  gridLoading ??= import('./MonthDataGrid.tsx').then((m) => (gridModule = m));
  return gridLoading;
}

const SETTLE_MS = 300;

/** Run `fn` when the browser is idle (after the light table has been painted). */
function whenIdle(fn: () => void): () => void {
  let idle = 0;
  // A moment first, so the page answers input (and paints) before the DataGrid's long first render.
  const timer = window.setTimeout(() => {
    idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(fn, { timeout: 400 }) : window.setTimeout(fn, 0);
  }, SETTLE_MS);
  return () => {
    window.clearTimeout(timer);
    if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
    window.clearTimeout(idle);
  };
}

export function MonthGrid({ rows, loading, onOpen }: { rows: readonly MonthRow[]; loading: boolean; onOpen: (personId: number, order: number[]) => void }) {
  const { t, lang } = useI18n();
  const itemTitle = useItemTitles();

  const fit = useFit();
  const columns = useMemo<GridColDef<MonthRow>[]>(
    () =>
      monthColumns(t, lang, fit, itemTitle).map((col) => {
        if (col.field === 'status') return { ...col, renderCell: ({ row }) => <StatusChip status={row.status} /> };
        if (col.field !== 'flags') return col;
        return {
          ...col,
          renderCell: ({ row }) => (
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%', overflow: 'hidden' }}>
              {row.amendment !== undefined && (
                <Chip label={t.amend.fromAmendment(row.amendment)} title={t.amend.fromAmendmentHelp(row.amendment)} color="info" data-amendment={row.amendment} sx={{ minWidth: 0 }} />
              )}
              {row.flags.map((f) => (
                <Chip
                  key={f}
                  label={monthFlagText(t, itemTitle, row, f)}
                  title={monthFlagText(t, itemTitle, row, f)}
                  color={flagColour(f)}
                  variant="outlined"
                  sx={{ minWidth: 0 }}
                />
              ))}
            </Stack>
          ),
        };
      }),
    [t, lang, fit, itemTitle],
  );

  // The DataGrid: at once when its chunk is already here (a return from a sheet), else after the
  // light table has been painted. It first renders hidden under the light table, and is shown
  // once it has laid out its rows — no blank frame in between.
  const [Grid, setGrid] = useState<GridComponent | null>(() => gridModule?.default ?? null);
  const [shown, setShown] = useState(Grid !== null);
  useEffect(() => {
    if (Grid) return;
    let live = true;
    let cancelIdle = () => undefined as void;
    // Even the chunk waits: evaluating it is a long task of its own.
    cancelIdle = whenIdle(() =>
      loadMonthDataGrid().then(
        (m) => live && startTransition(() => setGrid(() => m.default)),
        () => undefined, // the light table stays: rows can still be opened
      ),
    );
    return () => {
      live = false;
      cancelIdle();
    };
  }, [Grid]);

  const layer = useRef<HTMLDivElement>(null);
  const light = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!Grid || shown) return;
    let frame = 0;
    let tries = 0;
    const check = () => {
      const ready = loading || rows.length === 0 || layer.current?.querySelector('[role="row"][data-rowindex="0"]');
      if (ready || ++tries > 60) {
        // Hand the keyboard focus over to the same person's row in the grid.
        const focused = light.current?.contains(document.activeElement) ? (document.activeElement as HTMLElement).closest<HTMLElement>('[data-id]') : null;
        if (focused?.dataset.id) gridMemory.lastOpened = Number(focused.dataset.id);
        setShown(true);
      } else frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [Grid, shown, loading, rows]);

  const flagText = (row: MonthRow, flag: string) => monthFlagText(t, itemTitle, row, flag);

  const open = (personId: number) => {
    gridMemory.lastOpened = personId;
    onOpen(personId, rows.map((r) => r.personId));
  };

  return (
    <div style={{ position: 'relative', height: '100%' }}>
      {!shown && <LightMonthTable ref={light} rows={rows} columns={columns} loading={loading} onOpen={open} flagText={flagText} />}
      {Grid && (
        <div ref={layer} style={{ position: 'absolute', inset: 0, visibility: shown ? undefined : 'hidden' }} aria-hidden={shown ? undefined : true} inert={!shown}>
          <Grid rows={rows} columns={columns} loading={loading} onOpen={onOpen} hidden={!shown} />
        </div>
      )}
    </div>
  );
}
