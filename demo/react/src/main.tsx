import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KefuProvider } from '@kefu/react';
import { App } from './app.js';

// ?backend=memory: the built-in demo store, no server (as on the storefront's pages).
const backendFree = new URLSearchParams(location.search).get('backend') === 'memory';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <KefuProvider options={backendFree ? {} : { apiBase: '/v1' }}>
      <App />
    </KefuProvider>
  </StrictMode>,
);
