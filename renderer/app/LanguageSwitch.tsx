/** 中文 / English: switches at once and saves the choice. */
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { SxProps, Theme } from '@mui/material/styles';
import { LANGUAGES, type Language } from '../../shared/api/types.ts';
import { useI18n } from '../i18n/index.tsx';

const onDark: SxProps<Theme> = {
  '& .MuiToggleButton-root': { color: 'rgba(255,255,255,0.85)', borderColor: 'rgba(255,255,255,0.45)', px: 1.25, py: 0.25 },
  '& .MuiToggleButton-root.Mui-selected': { color: '#fff', bgcolor: 'rgba(255,255,255,0.22)' },
};

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={lang}
      aria-label={t.app.language}
      onChange={(_, value: Language | null) => value && setLang(value)}
      sx={dark ? onDark : {}}
    >
      {LANGUAGES.map((l) => (
        <ToggleButton key={l} value={l} lang={l === 'zh' ? 'zh-CN' : 'en'} data-testid={`lang-${l}`}>
          {t.app.languages[l]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
