// The page with Kefu as docs/react.md sets it up: a provider and the widget's launcher, nothing inline.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KefuProvider, KefuWidget } from '@kefu/react';
import { StorePage } from './store-page.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <KefuProvider options={{ apiBase: '/v1' }}>
      <StorePage />
      <KefuWidget />
    </KefuProvider>
  </StrictMode>,
);
