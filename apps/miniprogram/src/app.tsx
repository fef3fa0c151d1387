import { QueryClientProvider } from '@tanstack/react-query';
import type { PropsWithChildren } from 'react';
import { queryClient } from './lib/query';
import './app.css';

function App({ children }: PropsWithChildren) {
  // children are the pages
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

export default App;
