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
  returnPolicy: {
    windowDays: 30,
    reasons: [
      { code: 'too_small', labels: { en: 'Too small', 'zh-CN': '尺码偏小' }, requiresPhoto: false },
      { code: 'too_large', labels: { en: 'Too large', 'zh-CN': '尺码偏大' }, requiresPhoto: false },
      { code: 'not_as_described', labels: { en: 'Not as described', 'zh-CN': '与描述不符' }, requiresPhoto: true },
      { code: 'damaged', labels: { en: 'Arrived damaged', 'zh-CN': '到货时已损坏' }, requiresPhoto: true },
      { code: 'wrong_item', labels: { en: 'Wrong item sent', 'zh-CN': '发错商品' }, requiresPhoto: true },
      { code: 'changed_mind', labels: { en: 'Changed my mind', 'zh-CN': '不想要了' }, requiresPhoto: false },
    ],
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
