/** Deactivate a person from a month on: people.deactivate with the last month assessed. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { Person } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction } from '../../api/hooks.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { defaultPeriod } from '../../app/route.ts';
import { useT } from '../../i18n/index.tsx';

export function DeactivateDialog({ person, onClose, onDone }: { person: Person; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [activeTo, setActiveTo] = useState(() => (defaultPeriod() < person.activeFrom ? person.activeFrom : defaultPeriod()));
  const run = useAction(() => invoke('people.deactivate', { id: person.id, activeTo }));
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t.roster.deactivateTitle(person.name)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>{t.roster.deactivateText}</DialogContentText>
          <TextField
            type="month"
            label={t.roster.lastMonth}
            value={activeTo}
            onChange={(e) => setActiveTo(e.target.value)}
            autoFocus
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'deactivate-month' } }}
          />
          <FailureAlert error={run.error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.common.cancel}</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={run.busy || activeTo === ''}
          onClick={() => void run.run().then((done) => done && onDone())}
          data-testid="deactivate-confirm"
        >
          {t.roster.deactivate}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
