import { lazy, Suspense, useEffect, useState } from 'react';
import { StorePage } from './store-page.js';

const Account = lazy(() => import('./account.js'));

const route = () => (location.hash === '#account' ? 'account' : 'store');

/**
 * The store with one lazy route of its own, as most single-page stores have (by hash, so the bench
 * needs no router): the store page at load, the account page's code only when it is opened.
 */
export function StoreRoutes() {
  const [current, setCurrent] = useState(route);
  useEffect(() => {
    const follow = () => setCurrent(route());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return current === 'account' ? (
    <Suspense fallback={<p>Loading…</p>}>
      <Account />
    </Suspense>
  ) : (
    <StorePage />
  );
}
