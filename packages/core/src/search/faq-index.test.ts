import { expect } from '@open-wc/testing';
import { demoArticles } from '../seed/articles.js';
import { createFaqIndex } from './faq-index.js';
import { tokenize, tokenizeQuery } from './tokenize.js';

const index = createFaqIndex(demoArticles);
const top = (query: string, count = 3) => index.search(query, { limit: count }).map((hit) => hit.article.id);

/** Query → an article that must be among the first results (typed by a shopper, typos included). */
const expectations: readonly [query: string, expected: string, within?: number][] = [
  // Chinese: whole words, split by a space, inside a sentence, near-synonyms.
  ['退货', 'zh-returns-how-to-start'],
  ['退 货', 'zh-returns-how-to-start'],
  ['如何退货', 'zh-returns-how-to-start'],
  ['退款', 'zh-returns-refund-timing'],
  ['退款多久到账', 'zh-returns-refund-timing'],
  ['换尺码', 'zh-returns-exchanges'],
  ['运费', 'zh-shipping-costs'],
  ['包邮', 'zh-shipping-costs'],
  ['快递单号', 'zh-shipping-track-order'],
  ['关税', 'zh-shipping-customs'],
  ['发票', 'zh-payment-invoices'],
  ['忘记密码', 'zh-account-password-reset'],
  ['保修', 'zh-warranty-what-is-covered', 5],
  ['洗碗机', 'zh-sizing-stoneware-care'],
  ['重复扣款', 'zh-payment-charged-twice'],
  // English: words, prefixes while typing, typos.
  ['return', 'en-returns-how-to-start'],
  ['refund', 'en-returns-refund-timing'],
  ['retu', 'en-returns-how-to-start', 5],
  ['refnud', 'en-returns-refund-timing', 5],
  ['shiping cost', 'en-shipping-costs'],
  ['track my order', 'en-shipping-track-order'],
  ['customs duties', 'en-shipping-customs-duties'],
  ['password', 'en-account-password-reset'],
  ['dishwasher', 'en-sizing-stoneware-care'],
  ['charged twice', 'en-payment-charged-twice'],
  ['gift card', 'en-payment-gift-cards'],
  ['warranty claim', 'en-warranty-how-to-claim'],
  ['exchange size', 'en-returns-exchanges'],
  ['VAT invoice', 'en-payment-invoices-vat'],
  ['linen care', 'en-sizing-linen-care'],
  // Mixed: a Chinese question with a Latin word.
  ['VAT 发票', 'zh-payment-invoices', 5],
];

describe('FAQ index (Chinese and English, local)', () => {
  it('indexes Chinese as characters and overlapping pairs, and closes spaces between them in queries', () => {
    expect(tokenize('如何退货')).to.deep.equal(['如', '何', '退', '货', '如何', '何退', '退货']);
    expect(tokenizeQuery('退 货')).to.include('退货');
    expect(tokenize("Don't return it")).to.deep.equal(['dont', 'return', 'it']);
  });

  for (const [query, expected, within = 3] of expectations) {
    it(`finds ${expected} for “${query}”`, () => {
      expect(top(query, within)).to.include(expected);
    });
  }

  it('finds every Chinese returns article for 退货 or 退款 (recall)', () => {
    const returns = demoArticles.filter((article) => article.id.startsWith('zh-returns-')).map((article) => article.id);
    const found = new Set([...top('退货', 40), ...top('退款', 40)]);
    expect(returns.filter((id) => !found.has(id))).to.deep.equal([]);
  });

  it('survives a round trip through JSON, as it is cached in IndexedDB', () => {
    const restored = createFaqIndex(demoArticles, JSON.parse(JSON.stringify(index.toJSON())));
    expect(restored.search('如何退货').map((hit) => hit.article.id)).to.deep.equal(
      index.search('如何退货').map((hit) => hit.article.id),
    );
  });

  it('answers nothing for an empty query', () => {
    expect(index.search('   ')).to.deep.equal([]);
  });
});
