const entities: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Tags inside a line of text: dropped without a trace, so "<b>delivery</b>." reads "delivery.". */
const inlineTags = new Set(
  'a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr'.split(' '),
);
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/**
 * A space the markup left between two pieces of Chinese (or Japanese) text, punctuation included:
 * "步骤： 打开" reads "步骤：打开". A space beside Latin letters or digits stays ("30 天").
 */
const spaceBetweenCjk =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])/gu;
const endsSentence = /[.,;:!?。，、；：！？…]$/u;
// Private-use characters mark where a list item ended, and where a list did, until punctuation is chosen.
const ITEM_END = '\uE000';
const LIST_END = '\uE001';

/**
 * The text of an article body without markup, as a person reads it aloud: for the search index
 * and for the snippets under each result. Inline tags leave no space behind ("退款、换货", not
 * "退款 、 换货"); block tags do; list items keep a separator between them ("Standard; Express.")
 * rather than running together as one phrase.
 */
export function plainText(html: string): string {
  return html
    .replace(/<\/li\s*>\s*(<\/(ul|ol)\s*>)?/gi, (_, listEnd?: string) => (listEnd ? LIST_END : ITEM_END))
    .replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_, name: string) => (inlineTags.has(name.toLowerCase()) ? '' : ' '))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (_, name: string) => entities[name] ?? '')
    .replace(/(\S?)\s*([\uE000\uE001])\s*/gu, (_, before: string, mark: string) => {
      if (!before || endsSentence.test(before)) return `${before} `;
      const chinese = cjk.test(before);
      if (mark === LIST_END) return `${before}${chinese ? '。' : '. '}`;
      return `${before}${chinese ? '；' : '; '}`;
    })
    .replace(spaceBetweenCjk, '$1');
}
