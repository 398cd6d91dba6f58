/**
 * Keeps one broken part from blanking more than itself: a screen (or a chunk that failed to load)
 * shows its error with a reload; a section of a screen (`inPlace`: an item card, the totals, a
 * report's view, a panel) shows a small "This part could not be shown" with a retry in its place
 * while the rest of the screen works on.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

interface Props {
  title: string;
  retryLabel: string;
  children: ReactNode;
  /** A section: a small alert in place, and retry renders the section again (not the page). */
  inPlace?: boolean;
  /** Names the section in the alert's data-testid (`section-failed-<testId>`). */
  testId?: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // The message is the code's (English, for whoever reads the console), not for the screen.
    if (this.props.inPlace) console.error(`section ${this.props.testId ?? ''} failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    if (this.props.inPlace) {
      return (
        <Alert
          severity="error"
          variant="outlined"
          role="alert"
          data-testid={`section-failed${this.props.testId ? `-${this.props.testId}` : ''}`}
          sx={{ py: 0, alignItems: 'center' }}
          action={
            <Button color="inherit" size="small" onClick={() => this.setState({ error: null })}>
              {this.props.retryLabel}
            </Button>
          }
        >
          {this.props.title}
        </Alert>
      );
    }
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={() => window.location.reload()}>
            {this.props.retryLabel}
          </Button>
        }
      >
        <AlertTitle>{this.props.title}</AlertTitle>
        {this.state.error.message}
      </Alert>
    );
  }
}

/** One section of a screen behind its own boundary: a render error there shows "此部分无法显示" with a retry in its place. */
export function SectionBoundary({ testId, children }: { testId: string; children: ReactNode }) {
  const t = useT();
  return (
    <ErrorBoundary inPlace title={t.app.sectionFailed} retryLabel={t.common.retry} testId={testId}>
      {children}
    </ErrorBoundary>
  );
}
