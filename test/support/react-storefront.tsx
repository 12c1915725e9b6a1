import { useRef } from 'react';
import type { KefuClient } from '@kefu/core';
import type { KefuChat as KefuChatElement, KefuWidget as KefuWidgetElement } from '@kefu/elements';
import {
  KefuCallback,
  KefuChat,
  KefuFaq,
  KefuOrderTracker,
  KefuProvider,
  KefuReturns,
  KefuSurvey,
  KefuWidget,
  useKefu,
} from '@kefu/react';

export interface StorefrontProps {
  /** The client the page's app hands the provider in the browser; none on the server. */
  readonly client?: KefuClient;
  readonly onHelpOpened?: (event: Event) => void;
}

// Objects and arrays, which React 18 would otherwise write as "[object Object]" attributes.
export const storefrontShopper: KefuChatElement['shopper'] = { name: 'Mei Lin', email: 'mei@example.com' };
export const storefrontPrechatFields: KefuChatElement['prechatFields'] = ['topic', 'order-number'];

/**
 * A store's page as an app writes it with @kefu/react: every Kefu component with typed properties,
 * and app code that reads Kefu through `useKefu()`. The same page is rendered on the server
 * (test/support/react-under-test.mjs) and hydrated in the browser (test/browser/react.test.ts).
 */
export function Storefront({ client, onHelpOpened }: StorefrontProps) {
  const widget = useRef<KefuWidgetElement>(null);
  return (
    <KefuProvider client={client}>
      <header>
        <HelpButton onAsk={() => void widget.current?.show()} />
        <OrderSummary />
      </header>
      <KefuOrderTracker timeZone="Europe/Paris" />
      <KefuFaq query="returns" />
      <KefuReturns orderNumber="MM-1004" />
      <KefuChat shopper={storefrontShopper} prechatFields={storefrontPrechatFields} longWaitMinutes={7} />
      <KefuCallback topic="delivery" defaultCountry="FR" />
      <KefuSurvey kind="nps" />
      <KefuWidget ref={widget} position="start" label="Help" onKefuOpen={onHelpOpened} />
    </KefuProvider>
  );
}

/** Opens the help panel; disabled until Kefu runs, as there is nothing to open on the server. */
function HelpButton({ onAsk }: { readonly onAsk: () => void }) {
  const kefu = useKefu();
  return (
    <button type="button" disabled={!kefu} onClick={onAsk}>
      Ask us
    </button>
  );
}

/** The order the shopper looked up in the tracker, as the app sees it. */
function OrderSummary() {
  const order = useKefu((kefu) => kefu.orders.current);
  return <p>{order?.status === 'ready' ? `Order ${order.data.number}: ${order.data.status}` : 'No order yet'}</p>;
}
