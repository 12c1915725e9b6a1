// The page with Kefu (as kefu.tsx) in an app with a lazy route of its own.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KefuProvider, KefuWidget } from '@kefu/react';
import { StoreRoutes } from './store-routes.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <KefuProvider options={{ apiBase: '/v1' }}>
      <StoreRoutes />
      <KefuWidget />
    </KefuProvider>
  </StrictMode>,
);
