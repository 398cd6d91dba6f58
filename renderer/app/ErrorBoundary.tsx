/** Keeps one broken screen (or a chunk that failed to load) from blanking the whole app. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  retryLabel: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
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
