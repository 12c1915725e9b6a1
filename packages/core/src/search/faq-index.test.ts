import { expect } from '@open-wc/testing';
import { demoArticles } from '../seed/articles.js';
import { createFaqIndex } from './faq-index.js';
import { tokenize, tokenizeQuery } from './tokenize.js';
import { faqQueryTable as expectations } from './faq-queries.test-data.js';

const index = createFaqIndex(demoArticles);
const top = (query: string, count = 3) => index.search(query, { limit: count }).map((hit) => hit.article.id);

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
