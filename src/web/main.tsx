import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setUpI18n } from './i18n/i18n';
import { App } from './app/App';
import { ProgramProvider } from './app/program';
import { Router } from './app/router';
import { ApiError } from './api/client';
import './styles.css';

setUpI18n();

const client = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refused request (401, 403, 404, 409, 422) will not succeed by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <Router>
        <ProgramProvider>
          <App />
        </ProgramProvider>
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
