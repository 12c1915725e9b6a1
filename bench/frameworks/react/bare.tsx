// The page alone: the same React app without Kefu.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StorePage } from './store-page.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <StorePage />
  </StrictMode>,
);
