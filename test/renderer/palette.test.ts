/**
 * The first paint draws with palette.ts before MUI loads; the MUI theme is built from the same
 * values. If the theme's derived text styles or colours drift from them, the swap from the first
 * paint to the app would visibly jump: these checks catch that.
 */
import { describe, expect, it } from 'vitest';
import { makeTheme } from '../../renderer/app/theme.ts';
import { BORDER_RADIUS, COLOURS, TEXT } from '../../renderer/app/palette.ts';

describe.each(['zh', 'en'] as const)('theme (%s) and palette.ts', (lang) => {
  const theme = makeTheme(lang);

  it('derives the text styles palette.ts names (the widths of the first paint are measured with them)', () => {
    expect(theme.typography.fontFamily).toBe(TEXT.fontFamily);
    expect(theme.typography.fontWeightMedium).toBe(TEXT.fontWeightMedium);
    for (const variant of ['body1', 'body2', 'button'] as const) {
      expect({ fontSize: theme.typography[variant].fontSize, fontWeight: theme.typography[variant].fontWeight }).toEqual(TEXT[variant]);
    }
  });

  it('uses the colours of palette.ts', () => {
    const p = theme.palette;
    expect({
      primary: p.primary.main,
      secondary: p.secondary.main,
      background: p.background.default,
      paper: p.background.paper,
      text: p.text.primary,
      textSecondary: p.text.secondary,
      hover: p.action.hover,
      selected: p.action.selected,
      warning: p.warning.main,
      success: p.success.main,
      info: p.info.main,
      error: p.error.main,
      outline: p.grey[400],
    }).toEqual(Object.fromEntries(Object.entries(COLOURS).filter(([k]) => k !== 'border')));
    expect(theme.shape.borderRadius).toBe(BORDER_RADIUS);
  });
});
