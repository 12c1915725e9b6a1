// The page alone, with a lazy route of its own: the same React app without Kefu.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StoreRoutes } from './store-routes.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <StoreRoutes />
  </StrictMode>,
);
