/**
 * The query table the FAQ search must answer over the demo help centre, shared by the index test,
 * the store's online/offline tests and the element's tests.
 */
/** Query → an article that must be among the first results (typed by a shopper, typos included). */
export const faqQueryTable: readonly [query: string, expected: string, within?: number][] = [
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
