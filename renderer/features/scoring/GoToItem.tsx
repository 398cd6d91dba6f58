/**
 * Ctrl+G on the sheet: go to an item by a few letters of its code or title (either language), or
 * to the absences. Enter puts the cursor in the item's first field; ↑/↓ choose among the matches.
 */
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goToTargets, matchTargets } from './goTo.ts';

/** Put the cursor in a block's first field (an item card, or the absences), scrolled into view. */
export function focusTarget(id: string): void {
  const block = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id === 'absences' ? 'absences' : `item-${id}`)}"]`);
  if (!block) return;
  block.scrollIntoView({ block: 'center' });
  // The first field in the Tab order (a stepper's −/+ buttons are out of it).
  const field = [...block.querySelectorAll<HTMLElement>('input:not([type=hidden]), textarea, [role=combobox], button')].find(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled,
  );
  field?.focus({ preventScroll: true });
}

export function GoToItem({ rubric, open, onClose }: { rubric: Rubric; open: boolean; onClose: (id: string | null) => void }) {
  const { t, text } = useI18n();
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState(0);
  const targets = useMemo(() => goToTargets(rubric, text, t.sheet.absences), [rubric, text, t]);
  const matches = useMemo(() => matchTargets(targets, typed), [targets, typed]);
  const at = Math.min(chosen, Math.max(0, matches.length - 1));

  const close = (id: string | null) => {
    setTyped('');
    setChosen(0);
    onClose(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setChosen(Math.max(0, Math.min(matches.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (matches[at]) close(matches[at].id);
    }
  };

  return (
    <Dialog open={open} onClose={() => close(null)} disableRestoreFocus fullWidth maxWidth="sm" data-testid="goto-dialog">
      <DialogTitle>{t.keys.goToTitle}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          label={t.keys.goToLabel}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setChosen(0);
          }}
          onKeyDown={onKeyDown}
          helperText={t.keys.goToHelp}
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'goto-input', autoComplete: 'off', spellCheck: false } }}
        />
        {matches.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t.keys.goToNone}
          </Typography>
        ) : (
          <List dense sx={{ maxHeight: 320, overflow: 'auto' }}>
            {matches.map((m, i) => (
              <ListItemButton key={m.id} selected={i === at} onClick={() => close(m.id)} tabIndex={-1} data-testid={`goto-${m.id}`}>
                <ListItemText primary={m.title} secondary={m.id === 'absences' ? null : m.id} />
              </ListItemButton>
            ))}
          </List>
        )}
      </DialogContent>
    </Dialog>
  );
}
