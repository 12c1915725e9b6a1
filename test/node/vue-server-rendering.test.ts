// @kefu/vue under server-side rendering (issue 30), as packages/react/src/server-rendering.test.ts
// is for React: `app.use(createKefuPlugin(…))` then vue/server-renderer's renderToString, in Node.
// The plugin's client is made on the server (a component may read its stores' first state), but
// it must reach for nothing a browser has, set no page-wide client (the next request would get
// this one), and hold nothing open once the page is rendered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createKefuPlugin, useKefu, useKefuState, type KefuPluginOptions } from '@kefu/vue';
import { sharedClient } from '@kefu/elements';
import { createKefu, type KefuClient } from '@kefu/core';

const activeResources = () => [...process.getActiveResourcesInfo()].sort();

const OrderStatus = defineComponent(() => {
  const kefu = useKefu();
  const order = useKefuState((client) => client.orders.current);
  return () => h('p', { 'data-locale': kefu.session.locale.value }, order.value.status);
});

/** A storefront page: every Kefu element, as a Vue template compiles `<kefu-faq query="returns">`. */
const Storefront = defineComponent(() => () => [
  h('kefu-widget', { position: 'start', onKefuNavigate: () => {} }),
  h('kefu-faq', { query: 'returns' }),
  h('kefu-order-tracker', { 'order-number': 'MM-1004' }),
  h('kefu-returns'),
  h('kefu-chat', { shopper: { name: 'Mei Lin' }, prechatFields: ['topic'] }),
  h('kefu-callback'),
  h('kefu-survey'),
  h(OrderStatus),
]);

/** One request: a fresh app, as a server makes per request, rendered to a string. */
function renderPage(options: KefuPluginOptions = { apiBase: '/v1', locale: 'zh-CN' }): Promise<string> {
  return renderToString(createSSRApp(Storefront).use(createKefuPlugin(options)));
}

describe('@kefu/vue under server-side rendering', () => {
  it('renders every element as its tag, with its string attributes, and nothing that runs', async () => {
    const markup = await renderPage();
    assert.equal(
      markup,
      '<!--[--><kefu-widget position="start"></kefu-widget><kefu-faq query="returns"></kefu-faq>' +
        '<kefu-order-tracker order-number="MM-1004"></kefu-order-tracker><kefu-returns></kefu-returns>' +
        '<kefu-chat></kefu-chat><kefu-callback></kefu-callback><kefu-survey></kefu-survey>' +
        '<p data-locale="zh-CN">idle</p><!--]-->',
    );
    assert.doesNotMatch(markup, /<script|<style|on[a-z]+=|\[object Object\]/i, 'no script, style or inline handler');
  });

  it('renders on the demo store too (no apiBase)', async () => {
    assert.match(await renderPage({}), /<p data-locale="[^"]+">idle<\/p>/);
  });

  it('sets no page-wide client on the server: the next request would get this one', async () => {
    await renderPage();
    assert.equal(sharedClient(), undefined);
  });

  it('gives each request its own client', async () => {
    const seen: KefuClient[] = [];
    const Probe = defineComponent(() => {
      seen.push(useKefu());
      return () => null;
    });
    const own = createKefu({ apiBase: '/v1' });
    try {
      await renderToString(createSSRApp(Probe).use(createKefuPlugin({ apiBase: '/v1' })));
      await renderToString(createSSRApp(Probe).use(createKefuPlugin({ client: own })));
      await renderToString(createSSRApp(Probe).use(createKefuPlugin({ apiBase: '/v1' })));
    } finally {
      own.dispose();
    }
    assert.equal(seen.length, 3);
    assert.equal(seen[1], own);
    assert.notEqual(seen[0], seen[2]);
  });

  it('holds nothing open once the page is rendered: no timer, listener or channel per request', async () => {
    await renderPage();
    const before = activeResources();
    for (let request = 0; request < 10; request += 1) await renderPage();
    assert.deepEqual(activeResources(), before);
  });
});
