import { createKefu } from '@kefu/core';
import { setSharedClient } from '@kefu/elements';
import '@kefu/elements/define/kefu-widget.js';
import '@kefu/elements/define/kefu-order-tracker.js';

const kefu = createKefu({ apiBase: '/v1' });
setSharedClient(kefu); // every <kefu-…> element on the page uses it

document.body.append(document.createElement('kefu-widget'));
document.querySelector('kefu-order-tracker')?.addEventListener('kefu-navigate', (event) => {
  // "Chat about this order": open the panel there instead of the default.
  event.preventDefault();
  void document.querySelector('kefu-widget')?.show(event.detail);
});

// The app's own code reads Kefu's state: the order the shopper looked up.
kefu.orders.current.subscribe((order) => {
  if (order.status === 'ready') {
    document.querySelector('[data-testid="app-order"]')!.textContent = `The app knows: order ${order.data.number}`;
  }
});
