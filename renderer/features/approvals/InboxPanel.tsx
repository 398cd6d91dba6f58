/**
 * The reviewer's inbox: add signed sheets (drop / choose files or folders → inbox.add in
 * batches), list them by state, select one for its details, approve or return it when the user's
 * step is next, and (HR) import fully signed ones into this database.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import type { HrImportOutcome, InboxEntry, InboxState } from '../../../shared/api/types.ts';
import { invoke } from '../../api/client.ts';
import { useAction, useCall } from '../../api/hooks.ts';
import { useApp } from '../../app/AppContext.tsx';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { SelectField } from '../../app/SelectField.tsx';
import { useT } from '../../i18n/index.tsx';
import { ApproveDialog } from './ApproveDialog.tsx';
import { EntryDetails } from './EntryDetails.tsx';
import { InboxTable, type InboxActions } from './InboxTable.tsx';
import { HrImportResult } from './OutcomeList.tsx';
import { PdfDropZone } from './PdfDropZone.tsx';
import { ReturnDialog } from './ReturnDialog.tsx';
import { useBatchUpload } from './useBatchUpload.ts';
import { BulkDialog, type BulkTarget } from './BulkDialog.tsx';
import { BulkBar, InboxOverview, RemoveDialog, SummaryDetails } from './BulkParts.tsx';

type Filter = InboxState | 'all';
const FILTERS: readonly Filter[] = ['pending', 'approved', 'returned', 'imported', 'all'];

/** The filter last chosen, kept while visiting other screens. */
let lastFilter: Filter = 'pending';

export function InboxPanel() {
  const t = useT();
  const ta = t.approvals;
  const { info, refreshInfo } = useApp();
  const role = info.user!.chainRole;
  const [filter, setFilterState] = useState<Filter>(lastFilter);
  const setFilter = (f: Filter) => {
    lastFilter = f;
    setFilterState(f);
  };
  const list = useCall('inbox.list', filter === 'all' ? {} : { state: filter });
  const [selected, setSelected] = useState<string | null>(null);
  const [added, setAdded] = useState<InboxEntry[] | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'return'; entry: InboxEntry } | null>(null);
  const [outcomes, setOutcomes] = useState<HrImportOutcome[] | null>(null);
  // Reviewing at scale: the overview per region and month, rows checked, a bulk dialog, a refused entry to remove.
  const reviewer = role !== 'manager';
  const overview = useCall('inbox.overview', reviewer ? {} : null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<{ mode: 'approve' | 'return'; target: BulkTarget } | null>(null);
  const [removing, setRemoving] = useState<InboxEntry | null>(null);
  const onCheck = useCallback((sha256s: string[], on: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      for (const sha of sha256s) {
        if (on) next.add(sha);
        else next.delete(sha);
      }
      return next;
    });
  }, []);

  const upload = useBatchUpload((files) => invoke('inbox.add', { files }));
  const hrImport = useAction((sha256: string) => invoke('hr.import', { sha256: [sha256] }));

  const onFiles = async (files: File[]) => {
    setAdded(null);
    const entries = await upload.run(files);
    if (entries.length === 0) return;
    setAdded(entries);
    if (entries.length === 1) setSelected(entries[0]!.sha256);
    if (filter !== 'pending' && filter !== 'all') setFilter('pending');
    else list.reload();
    if (reviewer) overview.reload();
  };

  const actions: InboxActions = {
    onApprove: useCallback((entry: InboxEntry) => setDialog({ kind: 'approve', entry }), []),
    onReturn: useCallback((entry: InboxEntry) => setDialog({ kind: 'return', entry }), []),
    onRemove: (entry: InboxEntry) => setRemoving(entry),
    onHrImport: (entry: InboxEntry) => {
      setOutcomes(null);
      void hrImport.run(entry.sha256).then((done) => {
        if (!done) return;
        setOutcomes(done);
        list.reload();
        void refreshInfo();
      });
    },
    importing: hrImport.busy,
  };

  const closeDialog = (changed: boolean) => {
    setDialog(null);
    if (changed) {
      list.reload();
      if (reviewer) overview.reload();
      void refreshInfo();
    }
  };
  const closeBulk = (changed: boolean) => {
    setBulk(null);
    if (changed) setChecked(new Set());
    closeDialog(changed);
  };

  const entries = list.data ?? [];
  const current = entries.find((e) => e.sha256 === selected) ?? null;
  const refused = added?.filter((e) => !e.verdict.ok).length ?? 0;

  // Only rows on the list can stay checked (a filter or a reload may drop some).
  const checkedNow = entries.filter((e) => checked.has(e.sha256)).map((e) => e.sha256);

  return (
    <Stack spacing={1.5}>
      {reviewer && <InboxOverview overview={overview} onApprove={(target) => setBulk({ mode: 'approve', target })} />}
      <PdfDropZone testId="inbox" title={ta.drop.inboxTitle} help={ta.drop.inboxHelp} busy={upload.busy} progress={upload.progress} onFiles={(files) => void onFiles(files)} />
      <FailureAlert error={upload.error} onClose={upload.clearError} />
      {added && (
        <Alert severity={refused === 0 ? 'success' : 'warning'} onClose={() => setAdded(null)} data-testid="inbox-added">
          {ta.added(added.length, added.length - refused, refused)}
        </Alert>
      )}
      <FailureAlert error={hrImport.error} onClose={hrImport.clearError} />
      {outcomes && <HrImportResult outcomes={outcomes} onClose={() => setOutcomes(null)} />}

      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack spacing={1}>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {ta.inboxTitle}
            </Typography>
            <SelectField
              label={ta.filter}
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              options={FILTERS.map((f) => ({ value: f, label: ta.filters[f] }))}
              testId="inbox-filter"
              sx={{ minWidth: 140 }}
            />
            {list.data && (
              <Typography variant="body2" color="text.secondary" data-testid="inbox-count">
                {ta.count(entries.length)}
              </Typography>
            )}
            <Button onClick={list.reload} disabled={list.loading} data-testid="inbox-refresh">
              {t.common.refresh}
            </Button>
            <Typography variant="caption" color="text.secondary" sx={{ flex: '1 1 280px', textAlign: 'right' }}>
              {role === 'manager' ? ta.managerReads : ta.youSignAs(t.chainRoles[role])}
            </Typography>
          </Stack>
          <FailureAlert error={list.error} onRetry={list.reload} />
          {list.data && entries.length === 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="inbox-empty" sx={{ py: 1 }}>
              {filter === 'all' ? ta.emptyAll : ta.empty(ta.filters[filter])}
            </Typography>
          )}
          {reviewer && (
            <BulkBar
              count={checkedNow.length}
              onApprove={() => setBulk({ mode: 'approve', target: { sha256: checkedNow } })}
              onReturn={() => setBulk({ mode: 'return', target: { sha256: checkedNow } })}
              onClear={() => setChecked(new Set())}
            />
          )}
          {entries.length > 0 && (
            <InboxTable entries={entries} role={role} selected={selected} onSelect={setSelected} actions={actions} selection={reviewer ? { checked, onCheck } : undefined} />
          )}
        </Stack>
      </Paper>

      {current?.summary && <SummaryDetails entry={{ ...current, summary: current.summary }} role={role} onApprove={(target) => setBulk({ mode: 'approve', target })} />}
      {current && !current.summary && (
        <EntryDetails
          entry={current}
          role={role}
          actions={actions}
          onShow={(sha256) => {
            // The linked version may be handled already: show every state.
            if (!entries.some((e) => e.sha256 === sha256)) setFilter('all');
            setSelected(sha256);
          }}
        />
      )}

      {dialog?.kind === 'approve' && <ApproveDialog entry={dialog.entry} role={role} onClose={closeDialog} />}
      {dialog?.kind === 'return' && <ReturnDialog entry={dialog.entry} onClose={closeDialog} />}
      {bulk && <BulkDialog mode={bulk.mode} target={bulk.target} role={role} onClose={closeBulk} />}
      {removing && (
        <RemoveDialog
          entry={removing}
          onClose={(removed) => {
            setRemoving(null);
            if (removed) {
              if (selected === removing.sha256) setSelected(null);
              list.reload();
            }
          }}
        />
      )}
    </Stack>
  );
}
