/**
 * A generated help centre (half Chinese, half English) and the queries the FAQ benchmarks type:
 * the same articles on every run (a seeded PRNG), with rare terms planted in a few articles each.
 * Shared by bench/faq-search.ts (Node) and bench/faq-index-build.page.ts (Chromium).
 */
import type { Article } from '../../packages/core/src/model/faq.js';

/** A small deterministic PRNG (mulberry32): the same help centre on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const zhWords = [
  '订单',
  '包裹',
  '快递',
  '配送',
  '时间',
  '地址',
  '商品',
  '尺码',
  '颜色',
  '客服',
  '账户',
  '支付',
  '优惠',
  '会员',
  '积分',
  '门店',
  '库存',
  '预售',
  '材质',
  '清洗',
  '保养',
  '发货',
  '签收',
  '售后',
  '评价',
  '礼品',
  '包装',
  '国际',
  '海关',
  '重量',
];
const zhGlue = ['的', '了', '和', '在', '您', '我们', '可以', '需要', '如果', '请', '已经', '将会', '通常'];
const enWords = [
  'order',
  'parcel',
  'courier',
  'delivery',
  'time',
  'address',
  'product',
  'size',
  'colour',
  'support',
  'account',
  'payment',
  'discount',
  'member',
  'points',
  'store',
  'stock',
  'preorder',
  'fabric',
  'washing',
  'care',
  'dispatch',
  'signature',
  'aftercare',
  'review',
  'gift',
  'packaging',
  'international',
  'customs',
  'weight',
];
const enGlue = ['the', 'a', 'and', 'in', 'your', 'we', 'can', 'need', 'if', 'please', 'already', 'will', 'usually'];

/**
 * The rare Chinese terms planted in a few articles each, and the queries: those terms plus common
 * words. The ground truth is every article whose text contains the query's characters in a row
 * (spaces removed).
 */
const plantedChinese = [
  '如何退货',
  '退款多久到账',
  '换尺码',
  '运费',
  '包邮',
  '增值税发票',
  '忘记密码',
  '保修',
  '洗碗机',
  '重复扣款',
  '关税',
  '礼品卡',
  '快递单号',
  '亚麻',
  '陶瓷',
  '缩水',
];
export const chineseQueries = ['退货', '退 货', '退款', '发票', ...plantedChinese];
export const englishQueries = [
  'return',
  'refund',
  'shiping cost',
  'track my order',
  'password',
  'dishwasher',
  'gift card',
  'warranty claim',
  'invoice',
  'linen care',
];
const plantedEnglish = [
  'return policy',
  'refund timing',
  'shipping cost',
  'track my order',
  'password reset',
  'dishwasher safe',
  'gift card',
  'warranty claim',
  'invoice',
  'linen care',
];

const categories = ['shipping', 'returns', 'payment', 'sizing', 'account', 'warranty'];
const pick = (next: () => number, list: readonly string[]) => list[Math.floor(next() * list.length)] ?? '';

function sentence(
  next: () => number,
  words: readonly string[],
  glue: readonly string[],
  length: number,
  joiner: string,
) {
  const parts: string[] = [];
  for (let index = 0; index < length; index += 1) {
    parts.push(pick(next, index % 3 === 1 ? glue : words));
  }
  return parts.join(joiner);
}

export function generateHelpCentre(size: number, seed = 42): Article[] {
  const next = random(seed + size);
  const articles: Article[] = [];
  for (let index = 0; index < size; index += 1) {
    const chinese = index % 2 === 0;
    const planted = chinese ? plantedChinese : plantedEnglish;
    // Every 25th article of a language carries one planted term: 20 articles per term at 1k.
    const term = index % 50 < 2 ? planted[Math.floor(index / 50) % planted.length] : undefined;
    const words = chinese ? zhWords : enWords;
    const glue = chinese ? zhGlue : enGlue;
    const joiner = chinese ? '' : ' ';
    const title = sentence(next, words, glue, 4, joiner) + (term && next() < 0.5 ? `${joiner}${term}` : '');
    const paragraphs = Array.from({ length: 3 }, () => sentence(next, words, glue, 40, joiner));
    if (term) paragraphs[1] = `${paragraphs[1]}${chinese ? '，' : ', '}${term}${joiner}${paragraphs[1]}`;
    articles.push({
      id: `${chinese ? 'zh' : 'en'}-${index}`,
      locale: chinese ? 'zh-CN' : 'en',
      title,
      body: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(''),
      tags: [words[index % words.length] ?? ''],
      category: categories[index % categories.length] ?? 'shipping',
      updatedAt: '2026-01-01T00:00:00Z',
    });
  }
  return articles;
}
