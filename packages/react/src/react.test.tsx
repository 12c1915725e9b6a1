import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'react-dom/server';
import { KefuWidget } from './index.js';

describe('@kefu/react under server-side rendering', () => {
  it('renders the bare custom element, which comes alive on the client, and nothing that runs', () => {
    const markup = renderToString(<KefuWidget locale="zh-CN" position="start" onKefuOpen={() => {}} />);
    // @lit/react sets element properties on the client, after hydration; the server sends the tag only.
    assert.equal(markup, '<kefu-widget></kefu-widget>');
  });
});
