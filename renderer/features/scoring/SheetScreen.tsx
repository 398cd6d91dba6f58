/** Route `#/sheet/<personId>/<period>`: loads the sheet (sheets.get) and opens the editor. */
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import { useState, type ComponentType } from 'react';
import type { Person } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useCall, useLoad } from '../../api/hooks.ts';
import { SectionBoundary } from '../../app/ErrorBoundary.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { ArrowBackIcon } from '../../app/icons.tsx';
import { useRoute } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';
import { SheetEditor } from './SheetEditor.tsx';

export interface SheetScreenProps {
  personId: number;
  period: string;
}

/** What other features put on this screen; the shell (app/screens.ts) passes them in. */
export interface SheetScreenParts {
  /** Salary and KPIs of the person's month (figures). */
  FiguresPanel: ComponentType<{ personId: number; period: string }>;
  /** Export and sign the sheet (exporting). */
  ExportSheetDialog: ComponentType<{ person: Person; period: string; onClose: () => void; onExported: () => void }>;
}

export default function SheetScreen({ personId, period, FiguresPanel, ExportSheetDialog }: SheetScreenProps & SheetScreenParts) {
  const t = useT();
  const [, go] = useRoute();
  const [round, setRound] = useState(0);
  const [exporting, setExporting] = useState(false);
  const sheet = useLoad(`sheets.get ${personId} ${period} ${round}`, () => invoke('sheets.get', { personId, period }));
  const regions = useCall('regions.list', {});

  let body;
  if (sheet.loading || (!sheet.data && !sheet.error)) {
    body = <LinearProgress />;
  } else if (!sheet.data) {
    body = (
      <Stack spacing={2}>
        <div>
          <Button startIcon={<ArrowBackIcon />} onClick={() => go({ screen: 'scoring', period })} data-testid="back-button">
            {t.sheet.back}
          </Button>
        </div>
        <FailureAlert error={sheet.error} onRetry={sheet.reload} />
      </Stack>
    );
  } else {
    const record = sheet.data;
    const region = regions.data?.find((r) => r.id === record.person.regionId);
    body = (
      <Stack spacing={2}>
        <SheetEditor key={round} record={record} regionName={region?.name ?? null} onReload={() => setRound((r) => r + 1)} onExport={() => setExporting(true)} />
        {/* Salary and KPIs: saved on their own, never part of the score. */}
        <SectionBoundary testId="figures">
          <FiguresPanel personId={personId} period={period} />
        </SectionBoundary>
      </Stack>
    );
  }
  return (
    <>
      {body}
      {/* Outside the editor: the dialog stays open (showing the result) while the signed sheet reloads. */}
      {exporting && sheet.data && (
        <ExportSheetDialog person={sheet.data.person} period={period} onClose={() => setExporting(false)} onExported={() => setRound((r) => r + 1)} />
      )}
    </>
  );
}
