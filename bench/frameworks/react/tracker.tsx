// The page with Kefu and an inline order tracker (an inline element is intent by the loader's rule:
// it is there for the shopper to use, so its code loads at once), the widget's launcher beside it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KefuOrderTracker, KefuProvider, KefuWidget } from '@kefu/react';
import { StorePage } from './store-page.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <KefuProvider options={{ apiBase: '/v1' }}>
      <StorePage />
      <KefuOrderTracker />
      <KefuWidget />
    </KefuProvider>
  </StrictMode>,
);
