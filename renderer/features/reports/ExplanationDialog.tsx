/**
 * A person's explanation sheet for a month: each deduction in plain words and the scores they
 * make. The words come from the fairness report (shared/reports/explain.ts `explainSheet`, in
 * both languages); this dialog only shows them in the current one.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { PersonExplanation } from '../../../shared/api/report-types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { scorerLabel } from './labels.ts';

/** "−5 返利表:27日上交,应于25日前上交" → the leading points and the rest. */
function splitPoints(text: string): [string, string] {
  const m = /^(−\S+)\s+(.*)$/su.exec(text);
  return m ? [m[1]!, m[2]!] : ['', text];
}

export function ExplanationDialog({ person, period, onClose }: { person: PersonExplanation; period: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const te = t.reports.explain;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="explain-dialog">
      <DialogTitle>
        {t.reports.fairness.explain}
        <Typography variant="body2" color="text.secondary">
          {te.title(person.name, person.employeeNo, person.regionName ?? '—', period)}
        </Typography>
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="subtitle2">{te.intro}</Typography>
        {person.lines.length === 0 ? (
          <Typography color="text.secondary" sx={{ my: 1 }}>
            {te.nothing}
          </Typography>
        ) : (
          <List dense data-testid="explain-lines">
            {person.lines.map((line, i) => {
              const [points, words] = splitPoints(line[lang]);
              return (
                <ListItem key={`${line.itemId}-${i}`} disableGutters alignItems="flex-start" data-testid="explain-line" data-item={line.itemId}>
                  <Box component="span" sx={{ minWidth: 52, flexShrink: 0, fontWeight: 700, color: 'error.main', fontVariantNumeric: 'tabular-nums', pt: '4px' }}>
                    {points}
                  </Box>
                  <ListItemText primary={words} />
                </ListItem>
              );
            })}
          </List>
        )}
        <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }} data-testid="explain-summary">
          {te.scores(person.dailyScore, person.monthlyScore, scorerLabel(person.scorer, t))}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="explain-close">
          {t.common.close}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
