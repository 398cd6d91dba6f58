/**
 * Repeated non-submission (连续不上交材料者加倍扣分): when the item was also missed last month the
 * editor proposes doubling; the manager confirms with one click, or undoes it.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useI18n } from '../../i18n/index.tsx';
import { setItemField } from './draft.ts';
import { useDraftItem, useSheet } from './SheetContext.ts';

export function DoublingControl({ id }: { id: string }) {
  const { t } = useI18n();
  const { update, candidates } = useSheet();
  const doubled = useDraftItem(id).doubled === true;
  const set = (value: boolean) => update((d) => setItemField(d, id, 'doubled', value));

  if (doubled) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid={`doubled-${id}`}>
        <Chip label={t.sheet.doubled} color="warning" />
        <Button onClick={() => set(false)} data-testid={`undo-double-${id}`}>
          {t.sheet.undoDouble}
        </Button>
      </Stack>
    );
  }
  if (!candidates.has(id)) return null;
  return (
    <Alert
      severity="warning"
      data-testid={`doubling-${id}`}
      sx={{ py: 0, alignItems: 'center' }}
      action={
        <Button color="inherit" variant="outlined" onClick={() => set(true)} data-testid={`double-${id}`}>
          {t.sheet.doubleIt}
        </Button>
      }
    >
      {t.sheet.doublingProposal}
    </Alert>
  );
}
