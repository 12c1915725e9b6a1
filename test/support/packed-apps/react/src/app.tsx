import { useRef } from 'react';
import type { KefuNavigateDetail, KefuWidget as KefuWidgetElement } from '@kefu/elements';
import { KefuProvider, KefuWidget, KefuOrderTracker, useKefu } from '@kefu/react';

export function App() {
  return (
    <KefuProvider options={{ apiBase: '/v1' }}>
      <OrderPage />
    </KefuProvider>
  );
}

function OrderPage() {
  const widget = useRef<KefuWidgetElement>(null);
  const order = useKefu((kefu) => kefu.orders.current); // re-renders when it changes
  const onNavigate = (event: CustomEvent<KefuNavigateDetail>) => {
    event.preventDefault(); // we handle it: open the panel there
    void widget.current?.show(event.detail);
  };
  return (
    <main>
      <h1>A React store</h1>
      <p data-testid="app-order">
        {order?.status === 'ready' ? `The app knows: order ${order.data.number}` : 'No order looked up yet'}
      </p>
      <KefuOrderTracker onKefuNavigate={onNavigate} />
      <KefuWidget ref={widget} />
    </main>
  );
}
