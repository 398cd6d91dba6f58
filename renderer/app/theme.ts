/** The MUI theme: calm colours, dense controls, system fonts with CJK fallbacks, and the locales. */
import { createTheme, type Theme } from '@mui/material/styles';
import { enUS as coreEn, zhCN as coreZh } from '@mui/material/locale';
import { enUS as gridEn, zhCN as gridZh } from '@mui/x-data-grid/locales';
import type { Language } from '../../shared/api/types.ts';

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

export function makeTheme(lang: Language): Theme {
  const [core, grid] = lang === 'zh' ? [coreZh, gridZh] : [coreEn, gridEn];
  return createTheme(
    {
      palette: {
        primary: { main: '#1f5f8b' },
        secondary: { main: '#5b6b7a' },
        background: { default: '#f4f6f8' },
      },
      typography: { fontFamily: FONT_STACK, fontSize: 14, button: { textTransform: 'none' } },
      shape: { borderRadius: 6 },
      components: {
        MuiTextField: { defaultProps: { size: 'small' } },
        MuiFormControl: { defaultProps: { size: 'small' } },
        MuiButton: { defaultProps: { size: 'small' } },
        MuiIconButton: { defaultProps: { size: 'small' } },
        MuiChip: { defaultProps: { size: 'small' } },
        MuiTable: { defaultProps: { size: 'small' } },
        MuiAppBar: { defaultProps: { elevation: 0 } },
        MuiTooltip: { defaultProps: { arrow: true } },
        // Where the Latin text falls back to a CJK font (Noto Sans CJK on Linux), its curly quotes
        // and dashes are full-width ("region’ s"): English asks for the proportional forms.
        ...(lang === 'en' ? { MuiCssBaseline: { styleOverrides: { body: { fontVariantEastAsian: 'proportional-width' } } } } : {}),
      },
    },
    core,
    grid,
  );
}
