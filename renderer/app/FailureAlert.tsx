/** Shows a failed call: its kind, its message and, for bad input, every problem. Never a stack trace. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import type { ApiFailure } from '../../shared/api/types.ts';
import { ApiError, toFailure } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { failureText } from './refusalText.ts';
import { problemText } from './ruleText.ts';

export { failureText, refusalText, verifyText } from './refusalText.ts';
export { problemText } from './ruleText.ts';

export function FailureAlert({
  error,
  title,
  onRetry,
  onClose,
  action,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  onClose?: () => void;
  action?: ReactNode;
}) {
  const t = useT();
  if (error === null || error === undefined) return null;
  const failure: ApiFailure = toFailure(error);
  const retry = onRetry ? (
    <Button color="inherit" onClick={onRetry}>
      {t.common.retry}
    </Button>
  ) : undefined;
  return (
    <Alert severity="error" role="alert" {...(onClose ? { onClose } : {})} action={action ?? retry}>
      <AlertTitle>{title ?? (failure.kind === 'storage' ? t.backups.storage : t.failure[failure.kind])}</AlertTitle>
      {failure.problems?.length ? (
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
          {failure.problems.map((p, i) => (
            <li key={i}>{problemText(p, t)}</li>
          ))}
        </ul>
      ) : error instanceof ApiError && error.transport ? (
        <>
          {t.app.offline}
          <br />
          <small>{failure.message}</small>
        </>
      ) : (
        failureText(failure, t)
      )}
    </Alert>
  );
}
