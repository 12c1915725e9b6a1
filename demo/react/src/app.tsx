import { useRef, useState, version } from 'react';
import type { KefuNavigateDetail, KefuWidget as KefuWidgetElement } from '@kefu/elements';
import { KefuFaq, KefuOrderTracker, KefuWidget, useKefu } from '@kefu/react';

/**
 * A small React storefront page: Kefu's launcher, an inline order tracker and FAQ, and app code
 * that hears Kefu's events.
 */
export function App() {
  const widget = useRef<KefuWidgetElement>(null);
  // What the app heard from Kefu, newest first.
  const [heard, setHeard] = useState<readonly string[]>([]);
  const hear = (message: string) => setHeard((earlier) => [message, ...earlier].slice(0, 4));
  // The client's state, as React state: re-renders when the shopper looks up an order.
  const order = useKefu((kefu) => kefu.orders.current);

  // An inline element hands the shopper on ("chat about this order"): the app decides what happens.
  const onNavigate = (event: CustomEvent<KefuNavigateDetail>) => {
    event.preventDefault();
    const { view, orderNumber } = event.detail;
    hear(`React heard kefu-navigate: opening ${view}${orderNumber ? ` about ${orderNumber}` : ''}.`);
    void widget.current?.show(event.detail);
  };

  return (
    <>
      <header className="site-header">
        <a className="logo" href="../">
          Maple &amp; Moss
        </a>
        <span className="app-badge">React {version}</span>
      </header>
      <main>
        <h1>Help, inside a React app</h1>
        <ul className="app-banner" role="log" aria-label="What the app heard" data-testid="app-banner">
          {heard.map((message, index) => (
            <li key={heard.length - index}>{message}</li>
          ))}
        </ul>
        <p data-testid="app-order">
          {order?.status === 'ready'
            ? `Your app knows: order ${order.data.number} is ${order.data.status.replaceAll('_', ' ')}.`
            : 'No order looked up yet.'}
        </p>
        <div className="app-columns">
          <section aria-labelledby="track">
            <h2 id="track">Track an order</h2>
            <KefuOrderTracker className="inline-kefu" onKefuNavigate={onNavigate} />
          </section>
          <section aria-labelledby="answers">
            <h2 id="answers">Answers</h2>
            <KefuFaq className="inline-kefu" onKefuNavigate={onNavigate} />
          </section>
        </div>
      </main>
      <KefuWidget
        ref={widget}
        onKefuOpen={() => hear('React heard kefu-open: the help panel opened.')}
        onKefuClose={() => hear('React heard kefu-close: the help panel closed.')}
      />
    </>
  );
}
