/**
 * Tokens for a help centre in Chinese and English. Latin text splits into lowercase words (search
 * adds prefix matching and typo tolerance for those). Chinese has no spaces, and Intl.Segmenter
 * splits 退货 into 退|货 (and is slow), so every run of CJK characters is indexed as its single
 * characters plus every overlapping pair: 如何退货 → 如, 何, 退, 货, 如何, 何退, 退货. A query is
 * tokenized the same way, after closing the spaces between CJK characters (退 货 → 退货).
 */
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const latinWord = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function isCjkToken(token: string): boolean {
  return cjkChar.test(token);
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.matchAll(cjkRun)) {
    const characters = [...run];
    tokens.push(...characters);
    for (let index = 0; index < characters.length - 1; index += 1) {
      tokens.push(`${characters[index]}${characters[index + 1]}`);
    }
  }
  const latin = text.replace(cjkRun, ' ');
  for (const [word] of latin.matchAll(latinWord)) tokens.push(word.toLowerCase().replace(/['’]/g, ''));
  return tokens;
}

/**
 * Queries: 退 货 is meant as 退货; spaces between two CJK characters are dropped first. A Chinese
 * word of two characters or more is looked up by its pairs only: every article containing 礼品卡
 * contains 礼品 and 品卡, and the single characters (礼, 品, 卡: in thousands of articles) would
 * only add noise and time. A lone character is looked up as itself.
 */
export function tokenizeQuery(query: string): string[] {
  const joined = closeCjkSpaces(query);
  const singles = new Set<string>();
  for (const [run] of joined.matchAll(cjkRun)) if ([...run].length === 1) singles.add(run);
  return [...new Set(tokenize(joined).filter((token) => !isCjkToken(token) || token.length > 1 || singles.has(token)))];
}

/** Drops the spaces between two CJK characters: a shopper who types 退 货 means 退货. */
export function closeCjkSpaces(text: string): string {
  return text.replace(
    /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu,
    '$1',
  );
}
