/**
 * The app's fonts and colours in one place, with no MUI import: the MUI theme is built from them,
 * and the first paint (drawn before MUI has loaded, see firstPaint.ts) reads them as CSS
 * variables, so both look the same.
 */
export const FONT_STACK = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  'sans-serif',
].join(', ');

/** Text styles as the theme derives them from a 14 px base (checked against the theme by a test). */
export const TEXT = {
  fontFamily: FONT_STACK,
  fontWeightMedium: 500,
  body1: { fontSize: '1rem', fontWeight: 400 },
  body2: { fontSize: '0.875rem', fontWeight: 400 },
  button: { fontSize: '0.875rem', fontWeight: 500 },
} as const;

export const COLOURS = {
  primary: '#1f5f8b',
  secondary: '#5b6b7a',
  background: '#f4f6f8',
  paper: '#fff',
  text: 'rgba(0, 0, 0, 0.87)',
  textSecondary: 'rgba(0, 0, 0, 0.6)',
  hover: 'rgba(0, 0, 0, 0.04)',
  selected: 'rgba(0, 0, 0, 0.08)',
  /** The DataGrid's cell borders. */
  border: '#e0e0e0',
  /** Outlined chips (grey 400). */
  outline: '#bdbdbd',
  warning: '#ed6c02',
  success: '#2e7d32',
  info: '#0288d1',
  error: '#d32f2f',
} as const;

export const BORDER_RADIUS = 6;

/** `--sa-<colour>`, `--sa-font` and `--sa-radius`: set on the document for plain CSS (the first paint, the light month table). */
export function cssVariables(): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(COLOURS).map(([name, value]) => [`--sa-${name}`, value])),
    '--sa-font': FONT_STACK,
    '--sa-radius': `${BORDER_RADIUS}px`,
  };
}
