/** Roster: people, regions, and importing people from a CSV or XLSX file. */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState, type ComponentType } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { useT } from '../../i18n/index.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { RegionsPanel } from './RegionsPanel.tsx';

type Panel = 'people' | 'regions' | 'import' | 'figures';
const PANELS: readonly Panel[] = ['people', 'regions', 'import', 'figures'];

/** The panel last shown, kept while visiting other screens. */
let lastPanel: Panel = 'people';

/** What other features put on this screen; the shell (app/screens.ts) passes them in. */
export interface RosterScreenParts {
  /** The salary and KPI import of a month (figures), a tab of its own. */
  FiguresImportPanel: ComponentType;
}

export default function RosterScreen({ FiguresImportPanel }: RosterScreenParts) {
  const t = useT();
  const { refreshInfo } = useApp();
  const [panel, setPanel] = useState<Panel>(lastPanel);
  const show = (p: Panel) => {
    lastPanel = p;
    setPanel(p);
  };
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {t.app.nav.roster}
        </Typography>
        <Tabs value={panel} onChange={(_, p: Panel) => show(p)}>
          {PANELS.map((p) => (
            <Tab key={p} value={p} label={p === 'figures' ? t.figures.importTab : t.roster.tabs[p]} data-testid={`roster-tab-${p}`} />
          ))}
        </Tabs>
      </Stack>
      <Box>
        {panel === 'people' && <PeoplePanel />}
        {panel === 'regions' && <RegionsPanel />}
        {panel === 'import' && <ImportPanel onImported={() => void refreshInfo()} />}
        {panel === 'figures' && <FiguresImportPanel />}
      </Box>
    </Stack>
  );
}
