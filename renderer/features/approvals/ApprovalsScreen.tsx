/**
 * Approvals: the reviewers' inbox of received signed sheets (approve or return), HR's import of
 * approved sheets, and the return notes a regional manager imports.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ChainRole } from '../../../shared/api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { SectionBoundary } from '../../app/ErrorBoundary.tsx';
import { useT } from '../../i18n/index.tsx';
import { HrImportPanel } from './HrImportPanel.tsx';
import { InboxPanel } from './InboxPanel.tsx';
import { ReturnsPanel } from './ReturnsPanel.tsx';

type Panel = 'inbox' | 'hr' | 'returns';

function panelsFor(role: ChainRole): Panel[] {
  if (role === 'manager') return ['returns', 'inbox'];
  return role === 'hr' ? ['inbox', 'hr', 'returns'] : ['inbox', 'returns'];
}

/** The panel last shown, kept while visiting other screens. */
let lastPanel: Panel | null = null;

export default function ApprovalsScreen() {
  const t = useT();
  const { info } = useApp();
  const panels = panelsFor(info.user!.chainRole);
  const [panel, setPanel] = useState<Panel>(lastPanel && panels.includes(lastPanel) ? lastPanel : panels[0]!);
  const show = (p: Panel) => {
    lastPanel = p;
    setPanel(p);
  };
  return (
    <Stack spacing={1.5} data-testid="approvals-screen">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {t.app.nav.approvals}
        </Typography>
        <Tabs value={panel} onChange={(_, p: Panel) => show(p)}>
          {panels.map((p) => (
            <Tab key={p} value={p} label={t.approvals.tabs[p]} data-testid={`approvals-tab-${p}`} />
          ))}
        </Tabs>
      </Stack>
      <Box>
        {/* Each panel behind its own boundary: one that cannot be shown leaves the tabs working. */}
        <SectionBoundary key={panel} testId={`approvals-${panel}`}>
          {panel === 'inbox' && <InboxPanel />}
          {panel === 'hr' && <HrImportPanel />}
          {panel === 'returns' && <ReturnsPanel />}
        </SectionBoundary>
      </Box>
    </Stack>
  );
}
