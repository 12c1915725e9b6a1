import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'react-dom/server';
import { sharedClient } from '@kefu/elements';
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
} from './index.js';

function OrderStatus() {
  const kefu = useKefu();
  const order = useKefu((client) => client.orders.current);
  return <p data-client={kefu ? 'yes' : 'no'}>{order?.status ?? 'no order yet'}</p>;
}

describe('@kefu/react under server-side rendering', () => {
  it('renders the bare custom element, which comes alive on the client, and nothing that runs', () => {
    const markup = renderToString(<KefuWidget locale="zh-CN" position="start" onKefuOpen={() => {}} />);
    // @lit/react sets element properties on the client, after hydration; the server sends the tag only.
    assert.equal(markup, '<kefu-widget></kefu-widget>');
  });

  it('renders every element as its bare tag inside a KefuProvider, with no client made on the server', () => {
    const markup = renderToString(
      <KefuProvider options={{ apiBase: '/v1' }}>
        <KefuWidget onKefuNavigate={() => {}} />
        <KefuFaq query="returns" onKefuNavigate={(event) => event.detail.view} />
        <KefuOrderTracker orderNumber="MM-1004" />
        <KefuReturns />
        <KefuChat />
        <KefuCallback />
        <KefuSurvey />
        <OrderStatus />
      </KefuProvider>,
    );
    assert.equal(
      markup,
      '<kefu-widget></kefu-widget><kefu-faq></kefu-faq><kefu-order-tracker></kefu-order-tracker>' +
        '<kefu-returns></kefu-returns><kefu-chat></kefu-chat><kefu-callback></kefu-callback>' +
        '<kefu-survey></kefu-survey><p data-client="no">no order yet</p>',
    );
    assert.doesNotMatch(markup, /<script|<style|on[a-z]+=/i, 'no script, style or inline handler');
    assert.equal(sharedClient(), undefined, 'the server never sets a shared client');
  });
});
