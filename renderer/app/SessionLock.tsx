/**
 * The lock in the top bar: whether a signing identity is unlocked for this session. Locked, a
 * press opens the unlock dialog (the identity of the user's step and its passphrase; opt-in, kept
 * in the app's memory only); unlocked, it shows the identity's name and a press locks it again.
 * The backend locks it after its idle time and when the app quits; this shows it within seconds.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { ChainRole } from '../../shared/api/types.ts';
import { invoke } from '../api/client.ts';
import { useAction, useCall } from '../api/hooks.ts';
import { useT } from '../i18n/index.tsx';
import { FailureAlert } from './FailureAlert.tsx';
import { LockIcon, LockOpenIcon } from './icons.tsx';
import { passphraseProblem, SignerFields, type Signer } from './SignerFields.tsx';
import { idleTime, noteActivity, pollMs, refreshUnlocked, setUnlocked, useUnlocked } from './unlocked.ts';

/** The list last rendered, for the poll's timer. */
let latest: ReturnType<typeof useUnlocked> = [];

export function SessionLock({ role }: { role: ChainRole }) {
  const t = useT();
  const tl = t.bulk.lock;
  const unlocked = useUnlocked();
  const [open, setOpen] = useState(false);
  const lock = useAction(() => invoke('identities.lock', {}));

  // Ask on a timer (sooner while one is unlocked, to show the idle lock); note the user at work.
  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const tick = async () => {
      await refreshUnlocked();
      if (live) timer = window.setTimeout(() => void tick(), pollMs(latest));
    };
    void tick();
    const onActivity = () => noteActivity();
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      live = false;
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, []);
  latest = unlocked;

  const first = unlocked[0];
  const press = async () => {
    if (!first) return setOpen(true);
    const left = await lock.run();
    if (left) setUnlocked(left);
  };

  return (
    <>
      <Tooltip title={first ? tl.unlockedAs(first.name) : tl.locked}>
        {first ? (
          <Button
            color="inherit"
            size="small"
            startIcon={<LockOpenIcon />}
            onClick={() => void press()}
            data-testid="session-lock"
            data-state="unlocked"
            sx={{ whiteSpace: 'nowrap', bgcolor: 'rgba(255,255,255,0.16)', '&:hover': { bgcolor: 'rgba(255,255,255,0.28)' } }}
          >
            {first.name}
          </Button>
        ) : (
          <IconButton color="inherit" onClick={() => void press()} aria-label={tl.locked} data-testid="session-lock" data-state="locked">
            <LockIcon />
          </IconButton>
        )}
      </Tooltip>
      {open && <UnlockDialog role={role} onClose={() => setOpen(false)} />}
    </>
  );
}

function UnlockDialog({ role, onClose }: { role: ChainRole; onClose: () => void }) {
  const t = useT();
  const tl = t.bulk.lock;
  const identities = useCall('identities.list', {});
  const [signer, setSigner] = useState<Signer>({ fingerprint: '', passphrase: '' });
  const unlock = useAction(() => invoke('identities.unlock', { fingerprint: signer.fingerprint, passphrase: signer.passphrase }));
  const minutes = Math.max(1, Math.round((idleTime() ?? 10 * 60_000) / 60_000));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!signer.fingerprint || signer.passphrase === '') return;
    const done = await unlock.run();
    if (!done) return;
    await refreshUnlocked();
    onClose();
  };

  return (
    <Dialog open onClose={unlock.busy ? undefined : onClose} maxWidth="xs" fullWidth data-testid="unlock-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <DialogTitle>{tl.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 0.5 }}>
            <Typography variant="body2" color="text.secondary">
              {tl.intro(minutes)}
            </Typography>
            <SignerFields
              testId="unlock"
              purpose="review"
              identities={identities}
              step={role}
              value={signer}
              onChange={(c) => setSigner((s) => ({ ...s, ...c }))}
              passphraseError={passphraseProblem(unlock.error) ? tl.wrongPassphrase : undefined}
              autoFocus
              disabled={unlock.busy}
            />
            {unlock.error && !passphraseProblem(unlock.error) && <FailureAlert error={unlock.error} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={unlock.busy}>
            {t.common.cancel}
          </Button>
          <Button type="submit" variant="contained" disabled={unlock.busy || !signer.fingerprint || signer.passphrase === ''} data-testid="unlock-confirm">
            {unlock.busy ? tl.unlocking : tl.unlock}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
