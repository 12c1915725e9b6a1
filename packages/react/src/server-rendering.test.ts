// @kefu/react under server-side rendering, on React 18 and on React 19: the same tests for both.
// Each React renders the package's source through test/support/react-under-test.mjs, which
// points its `react` imports at that version; test/browser/react.test.ts hydrates the result.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadServerReact, reactVersions } from '../../../test/support/react-under-test.mjs';

for (const version of reactVersions) {
  describe(`@kefu/react under server-side rendering, on React ${version}`, async () => {
    const { React, renderToString, Kefu, Storefront, sharedClient } = await loadServerReact(version);
    const h = React.createElement;

    function OrderStatus() {
      const kefu = Kefu.useKefu();
      const order = Kefu.useKefu((client) => client.orders.current);
      return h('p', { 'data-client': kefu ? 'yes' : 'no' }, order?.status ?? 'no order yet');
    }

    it(`renders with React ${version}`, () => {
      assert.equal(React.version.split('.')[0], String(version));
    });

    it('renders the bare custom element, which comes alive on the client, and nothing that runs', () => {
      const markup = renderToString(h(Kefu.KefuWidget, { locale: 'zh-CN', position: 'start', onKefuOpen: () => {} }));
      // @lit/react sets element properties on the client, after hydration; the server sends the tag only.
      assert.equal(markup, '<kefu-widget></kefu-widget>');
    });

    it('renders every element as its bare tag inside a KefuProvider, with no client made on the server', () => {
      const markup = renderToString(
        h(
          Kefu.KefuProvider,
          { options: { apiBase: '/v1' } },
          h(Kefu.KefuWidget, { onKefuNavigate: () => {} }),
          h(Kefu.KefuFaq, { query: 'returns', onKefuNavigate: (event) => event.detail.view }),
          h(Kefu.KefuOrderTracker, { orderNumber: 'MM-1004' }),
          h(Kefu.KefuReturns),
          h(Kefu.KefuChat, { shopper: { name: 'Mei Lin' }, prechatFields: ['topic'] }),
          h(Kefu.KefuCallback),
          h(Kefu.KefuSurvey),
          h(OrderStatus),
        ),
      );
      assert.equal(
        markup,
        '<kefu-widget></kefu-widget><kefu-faq></kefu-faq><kefu-order-tracker></kefu-order-tracker>' +
          '<kefu-returns></kefu-returns><kefu-chat></kefu-chat><kefu-callback></kefu-callback>' +
          '<kefu-survey></kefu-survey><p data-client="no">no order yet</p>',
      );
      assert.doesNotMatch(markup, /<script|<style|on[a-z]+=|\[object Object\]/i, 'no script, style or inline handler');
      assert.equal(sharedClient(), undefined, 'the server never sets a shared client');
    });

    it('renders the test storefront the browser test hydrates, its help button disabled until Kefu runs', () => {
      assert.equal(
        renderToString(h(Storefront)),
        '<header><button type="button" disabled="">Ask us</button><p>No order yet</p></header>' +
          '<kefu-order-tracker></kefu-order-tracker><kefu-faq></kefu-faq><kefu-returns></kefu-returns>' +
          '<kefu-chat></kefu-chat><kefu-callback></kefu-callback><kefu-survey></kefu-survey><kefu-widget></kefu-widget>',
      );
    });
  });
}
