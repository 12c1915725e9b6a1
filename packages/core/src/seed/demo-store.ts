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
};
