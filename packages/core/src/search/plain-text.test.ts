import { expect } from '@open-wc/testing';
import { snippetOf } from './highlight.js';
import { plainText } from './plain-text.js';

/**
 * What a shopper reads under a search result (issue 20): the snippets put a space before
 * punctuation and around bold words ("delivery . Starting", "退款 、 换货") and ran list items
 * together into one phrase.
 */
describe('the text of an article, as a snippet reads it', () => {
  const snippet = (html: string, term: string) => snippetOf(plainText(html), [term]);

  it('drops inline tags without a trace, in English and Chinese', () => {
    expect(snippet('<p>Free <b>delivery</b>. Starting <a href="/x">today</a>, orders ship.</p>', 'delivery')).to.equal(
      'Free delivery. Starting today, orders ship.',
    );
    expect(snippet('<p>支持<strong>退款</strong>、<strong>换货</strong>和维修。</p>', '退款')).to.equal(
      '支持退款、换货和维修。',
    );
  });

  it('keeps blocks apart and separates list items, ending the list as a sentence', () => {
    expect(
      snippet('<h2>Options</h2><ul><li>Standard</li><li>Express</li></ul><p>Both are tracked.</p>', 'express'),
    ).to.equal('Options Standard; Express. Both are tracked.');
    expect(snippet('<ol><li>Pack it.</li><li>Print the label</li></ol>', 'label')).to.equal(
      'Pack it. Print the label.',
    );
    expect(snippet('<ul><li>标准快递</li><li>顺丰速运</li></ul><p>均可追踪。</p>', '顺丰')).to.equal(
      '标准快递；顺丰速运。均可追踪。',
    );
    expect(snippet('<p>操作步骤：</p><ol><li>打开申请页面；</li><li>输入 30 天内的订单号</li></ol>', '订单')).to.equal(
      '操作步骤：打开申请页面；输入 30 天内的订单号。',
    );
  });

  it('reads entities as their characters', () => {
    expect(plainText('Tom&nbsp;&amp;&nbsp;Jerry &lt;3 &quot;ok&quot; it&#39;s')).to.equal(`Tom & Jerry <3 "ok" it's`);
  });
});
