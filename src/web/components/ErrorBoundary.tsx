/** Shows a page's failure as a message instead of a blank app. */
import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <p role="alert" className="error">
          {i18next.t('error', { message: this.state.error.message })}
        </p>
      );
    return this.props.children;
  }
}
