/**
 * Report grids have many number columns: their headers may take two lines, so a column is as wide
 * as its numbers or the wider line of its header, not the header's whole length. Headers break
 * only at a space or, in Chinese (no spaces), at a zero-width space the label marks ("计划完成率\u200b工资").
 */
import type { Fit } from '../../app/fit.ts';

const BREAK = /[ \u200b]/g;
/** A little air for a header on one line: a number column's title is right-aligned beside the sort icon's slot. */
const AIR = 12;

/** The narrowest width that shows `label` on at most two lines, breaking only where allowed. */
export function twoLineHeader(fit: Fit, label: string): number {
  const visible = (text: string) => text.replace(/\u200b/g, '');
  let best = fit.header(visible(label)) + AIR;
  for (const m of label.matchAll(BREAK)) {
    best = Math.min(best, Math.max(fit.header(visible(label.slice(0, m.index))), fit.header(visible(label.slice(m.index + 1)))));
  }
  return best;
}

/** DataGrid props and styles for headers on up to two lines (Chinese kept whole between marked breaks). */
export const TWO_LINE_HEADERS = {
  columnHeaderHeight: 52,
  sx: {
    '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', wordBreak: 'keep-all', lineHeight: 1.25 },
  },
} as const;
