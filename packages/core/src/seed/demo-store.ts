import type { StoreConfig } from '../model/config.js';

/**
 * The fictional store behind the backend-free demo and the reference server: one source for both,
 * so a shopper sees the same store whichever backend answers.
 */
export const demoStoreConfig: StoreConfig = {
  brand: { name: 'Maple & Moss', color: '#1f6f5c' },
  locales: ['en', 'zh-CN'],
  businessHours: {
    timezone: 'Europe/Paris',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({
      weekday: weekday as 1 | 2 | 3 | 4 | 5,
      opens: '09:00',
      closes: '18:00',
    })),
    holidays: ['2026-12-25', '2027-01-01'],
  },
  channels: { faq: true, orders: true, returns: true, chat: true, callback: true, surveys: true },
  // The phone is answered in the business hours above.
  contact: { email: 'help@maple-and-moss.example', phone: { number: '+33 1 23 45 67 89' } },
  returnPolicy: {
    windowDays: 30,
    reasons: [
      { code: 'too_small', labels: { en: 'Too small', 'zh-CN': '尺码偏小', ar: 'المقاس صغير' }, requiresPhoto: false },
      { code: 'too_large', labels: { en: 'Too large', 'zh-CN': '尺码偏大', ar: 'المقاس كبير' }, requiresPhoto: false },
      {
        code: 'wrong_dimensions',
        labels: {
          en: 'Does not fit my bed or table',
          'zh-CN': '与床或餐桌尺寸不符',
          ar: 'لا يناسب مقاس سريري أو طاولتي',
        },
        requiresPhoto: false,
      },
      {
        code: 'not_as_described',
        labels: { en: 'Not as described', 'zh-CN': '与描述不符', ar: 'لا يطابق الوصف' },
        requiresPhoto: true,
      },
      {
        code: 'damaged',
        labels: { en: 'Arrived damaged', 'zh-CN': '到货时已损坏', ar: 'وصل تالفًا' },
        requiresPhoto: true,
      },
      {
        code: 'wrong_item',
        labels: { en: 'Wrong item sent', 'zh-CN': '发错商品', ar: 'أُرسل منتج خاطئ' },
        requiresPhoto: true,
      },
      {
        code: 'changed_mind',
        labels: { en: 'Changed my mind', 'zh-CN': '不想要了', ar: 'غيّرت رأيي' },
        requiresPhoto: false,
      },
    ],
    // What the store sells: clothes, linen for the bed and table, stoneware, candles.
    reasonsByCategory: {
      apparel: ['too_small', 'too_large', 'not_as_described', 'damaged', 'wrong_item', 'changed_mind'],
      home_linen: ['wrong_dimensions', 'not_as_described', 'damaged', 'wrong_item', 'changed_mind'],
      tableware: ['not_as_described', 'damaged', 'wrong_item', 'changed_mind'],
      candles: ['not_as_described', 'damaged', 'wrong_item', 'changed_mind'],
    },
    defaultReasons: ['not_as_described', 'damaged', 'wrong_item', 'changed_mind'],
    resolutions: ['refund', 'exchange', 'store_credit'],
    photos: { maxCount: 5, maxBytes: 5 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] },
  },
  callbacks: { slotMinutes: 30, leadMinutes: 60, daysAhead: 7 },
  surveys: {
    triggers: [
      { on: 'chat_closed', kind: 'csat', delaySeconds: 0 },
      { on: 'return_created', kind: 'ces', delaySeconds: 2 },
      { on: 'callback_completed', kind: 'csat', delaySeconds: 0 },
    ],
    cooldownDays: 30,
  },
  orderNumbers: { prefix: 'MM-' },
};
