/** The MUI theme: calm colours, dense controls, system fonts with CJK fallbacks (palette.ts), and the locales. */
import { createTheme, type Theme } from '@mui/material/styles';
import { enUS as coreEn, zhCN as coreZh } from '@mui/material/locale';
import { enUS as gridEn, zhCN as gridZh } from '@mui/x-data-grid/locales';
import type { Language } from '../../shared/api/types.ts';
import { BORDER_RADIUS, COLOURS, FONT_STACK } from './palette.ts';

export function makeTheme(lang: Language): Theme {
  const [core, grid] = lang === 'zh' ? [coreZh, gridZh] : [coreEn, gridEn];
  return createTheme(
    {
      palette: {
        primary: { main: COLOURS.primary },
        secondary: { main: COLOURS.secondary },
        background: { default: COLOURS.background, paper: COLOURS.paper },
        text: { primary: COLOURS.text, secondary: COLOURS.textSecondary },
        action: { hover: COLOURS.hover, selected: COLOURS.selected },
        warning: { main: COLOURS.warning },
        success: { main: COLOURS.success },
        info: { main: COLOURS.info },
        error: { main: COLOURS.error },
      },
      typography: { fontFamily: FONT_STACK, fontSize: 14, button: { textTransform: 'none' } },
      shape: { borderRadius: BORDER_RADIUS },
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
