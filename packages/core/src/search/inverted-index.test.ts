import { expect } from '@open-wc/testing';
import MiniSearch from 'minisearch';
import type { Article } from '../model/faq.js';
import { demoArticles } from '../seed/articles.js';
import { createFaqIndex, restoreFaqIndex, serializeFaqIndex } from './faq-index.js';
import { faqQueryTable } from './faq-queries.test-data.js';
import { createInvertedIndex, type IndexHit } from './inverted-index.js';
import { plainText } from './plain-text.js';
import { isCjkToken, tokenize, tokenizeQuery } from './tokenize.js';

/** Words typed while the shopper is still typing, or with typos, beside the table's queries. */
const extraQueries = ['ret', 'retu', 'retur', 'shipp', 'delivry', 'refnud', '退', '卡', 'gift', 'warranty', '30'];
const queries = [...faqQueryTable.map(([query]) => query), ...extraQueries];

interface Hit {
  readonly id: string;
  readonly score: number;
  readonly terms: readonly string[];
}

/** A result set, order aside (equal scores may come in any order): id → score, and id → matched terms. */
function resultsOf(hits: readonly Hit[]) {
  return {
    scores: Object.fromEntries(hits.map((hit) => [hit.id, Number(hit.score.toPrecision(10))])),
    terms: Object.fromEntries(hits.map((hit) => [hit.id, [...hit.terms].sort()])),
  };
}

const asHits = (hits: readonly { article: Article; score: number; terms: readonly string[] }[]): Hit[] =>
  hits.map((hit) => ({ ...hit, id: hit.article.id }));

describe("Kefu's inverted index", () => {
  const index = createFaqIndex(demoArticles);
  const all = { limit: Infinity };

  it('scores as MiniSearch did with the options Kefu gave it (BM25+, boosts, prefix and typo weights)', () => {
    // The engine Kefu used before, with the fields, boosts and per-term rules faq-index.ts gives ours
    // (compared before faq-index.ts boosts Chinese words written in a row, which it did for both).
    const miniSearch = new MiniSearch<{ id: string; title: string; tags: string; text: string }>({
      fields: ['title', 'tags', 'text'],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => term,
      searchOptions: {
        tokenize: tokenizeQuery,
        processTerm: (term) => term,
        boost: { title: 3, tags: 2, text: 1 },
        combineWith: 'OR',
        prefix: (term) => !isCjkToken(term) && term.length >= 3,
        fuzzy: (term) => (!isCjkToken(term) && term.length >= 5 ? 0.25 : false),
        boostTerm: (term) => (isCjkToken(term) ? (term.length >= 2 ? 2 : 0.5) : 1),
      },
    });
    const ours = createInvertedIndex([3, 2, 1]);
    for (const article of demoArticles) {
      const fields = { title: article.title, tags: article.tags.join(' '), text: plainText(article.body) };
      miniSearch.add({ id: article.id, ...fields });
      ours.add(article.id, [fields.title, fields.tags, fields.text].map(tokenize));
    }
    for (const query of queries) {
      const terms = tokenizeQuery(query).map((term) => {
        const latin = !isCjkToken(term);
        const maxDistance = latin && term.length >= 5 ? Math.round(term.length * 0.25) : 0;
        return { term, boost: latin ? 1 : term.length >= 2 ? 2 : 0.5, prefix: latin && term.length >= 3, maxDistance };
      });
      const expected: Hit[] = miniSearch
        .search(query)
        .map(({ id, score, terms }) => ({ id: id as string, score, terms }));
      const found: IndexHit[] = ours.search(terms);
      expect(found.length, query).to.be.greaterThan(0);
      expect(resultsOf(found), query).to.deep.equal(resultsOf(expected));
    }
  });

  it('answers after a delta sync as an index built from the merged articles', () => {
    const changed: Article[] = [
      { ...(demoArticles[0] as Article), title: 'Returns: how to send a parcel back' },
      { ...(demoArticles[1] as Article), id: 'en-new-article', title: 'Gift wrapping for returns' },
    ];
    const deleted = [(demoArticles[2] as Article).id, 'not-in-the-index'];
    const merged = [
      ...demoArticles.filter((article) => !deleted.includes(article.id) && article.id !== changed[0]?.id),
      ...changed,
    ];
    const delta = createFaqIndex(demoArticles);
    delta.apply(changed, deleted);
    const fresh = createFaqIndex(merged);
    expect(delta.size).to.equal(merged.length);
    for (const query of queries) {
      expect(resultsOf(asHits(delta.search(query, all))), query).to.deep.equal(
        resultsOf(asHits(fresh.search(query, all))),
      );
    }
    // Serialized, the discarded documents' postings are left out, and it answers the same.
    const restored = createFaqIndex(merged, JSON.parse(JSON.stringify(delta.toJSON())));
    for (const query of queries) {
      expect(resultsOf(asHits(restored.search(query, all))), query).to.deep.equal(
        resultsOf(asHits(fresh.search(query, all))),
      );
    }
    expect(JSON.stringify(delta.toJSON())).not.to.include(`"${(demoArticles[2] as Article).id}"`);
  });

  it('restores from its Blob pieces with the same results, in order, and the same scores', async () => {
    const restored = await restoreFaqIndex(demoArticles, serializeFaqIndex(index));
    const ranked = (hits: ReturnType<typeof index.search>) => hits.map((hit) => [hit.article.id, hit.score]);
    expect(restored.size).to.equal(index.size);
    for (const query of queries)
      expect(ranked(restored.search(query)), query).to.deep.equal(ranked(index.search(query)));
  });

  it('refuses pieces of another format (the MiniSearch index an older Kefu cached), which are then rebuilt', async () => {
    const piece = (value: unknown) => new Blob([JSON.stringify(value)], { type: 'application/json' });
    const older = [
      piece({ format: 'kefu-faq-index/1', documentCount: 1, serializationVersion: 2 }),
      piece({ 0: 'en-returns-how-to-start' }),
      piece({ 0: [3, 0, 20] }),
      piece({}),
      piece([['return', { 0: { 0: 1 } }]]),
    ];
    let error: unknown;
    await restoreFaqIndex(demoArticles, older).catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(TypeError);
  });
});
