import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * Keeps a render error from leaving a blank (and, for the QR window, always-on-top) page: the screen says what
 * happened and offers a way back; going to another screen (the hash changes) tries again.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The renderer has no logger of its own yet: the console is what Electron's and the preview's logs collect.
    // Replace with the app's logger once the renderer has one.
    console.error('A screen failed to render', error, info.componentStack);
  }

  override componentDidMount(): void {
    window.addEventListener('hashchange', this.retry);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('hashchange', this.retry);
  }

  private readonly retry = (): void => {
    if (this.state.failed) this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="onboarding">
        <div className="card onboarding-card" role="alert">
          <h1>This screen could not be shown</h1>
          <p>Something in this project’s data could not be displayed. Your projects and settings are unchanged.</p>
          <p>
            <a className="button" href="#/">
              Back to all projects
            </a>
          </p>
        </div>
      </main>
    );
  }
}
