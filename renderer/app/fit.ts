/**
 * Widths from content: the width a text takes in the app's font, measured in the page (so it
 * holds for Segoe UI, PingFang or Noto alike). For grid columns and selects that must show their
 * longest value whole (a role name, a grade) in either language.
 */
import { TEXT } from './palette.ts';

let context: CanvasRenderingContext2D | null | undefined;

/**
 * The rendered width of `text` in a CSS `font`; a rough estimate where there is no page. Measured
 * on a canvas: the same fonts and shaping as the page's text (checked in Chromium: the same whole
 * pixels), without forcing a layout of the page for each text as an element would.
 */
export function measureText(text: string, font: string): number {
  if (typeof document === 'undefined') return text.length * 8;
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 8;
  context.font = font;
  return Math.ceil(context.measureText(text).width);
}

export interface Fit {
  /** Width of a grid column showing the widest of `texts` (grid body text), padding and `extra` included. */
  cell: (texts: readonly string[], extra?: number) => number;
  /** Width of a grid column header `label`, with room for the sort icon. */
  header: (label: string) => number;
  /** Width of a grid cell holding small text buttons side by side (64 px minimum each). */
  buttons: (labels: readonly string[]) => number;
  /** Width of an outlined select showing the widest of `texts` whole (padding, arrow, border). */
  select: (texts: readonly string[]) => number;
}

/** Grid cells: 10 px padding a side (and a pixel of border); headers a little air (the sort icon, once sorted, takes its place). */
const CELL_PADDING = 22;
const HEADER_ICON = 8;
/** Small text buttons: 5 px padding a side, 64 px at least, 4 px apart. */
const BUTTON_PADDING = 12;
const BUTTON_MIN = 64;
/** An outlined select: 14 px left, 32 px right (the arrow), borders, and a little air. */
const SELECT_CHROME = 14 + 32 + 2 + 6;

type TextStyle = { fontSize: string; fontWeight: number };

/** Fit for the app's text styles (palette.ts; the MUI theme uses the same). No MUI import: the first paint uses it too. */
export function makeFit(text: typeof TEXT = TEXT): Fit {
  const font = (variant: TextStyle, weight?: number) => `${weight ?? variant.fontWeight} ${variant.fontSize} ${text.fontFamily}`;
  const widest = (texts: readonly string[], css: string) => Math.max(0, ...texts.map((t) => measureText(t, css)));
  const body = font(text.body2);
  const header = font(text.body2, text.fontWeightMedium);
  const button = font({ ...text.button, fontSize: '0.8125rem' });
  const input = font(text.body1);
  return {
    cell: (texts, extra = 0) => widest(texts, body) + CELL_PADDING + extra,
    header: (label) => widest([label], header) + CELL_PADDING + HEADER_ICON,
    buttons: (labels) => labels.reduce((sum, label) => sum + Math.max(BUTTON_MIN, widest([label], button) + BUTTON_PADDING), 0) + 4 * (labels.length - 1) + CELL_PADDING,
    select: (texts) => widest(texts, input) + SELECT_CHROME,
  };
}

/** The app's Fit (one for the whole app: fonts do not change with the language). */
export const APP_FIT = makeFit();

export function useFit(): Fit {
  return APP_FIT;
}
