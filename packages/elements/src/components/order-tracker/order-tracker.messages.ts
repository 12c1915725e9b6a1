import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-order-tracker>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Track your order',
};

export type OrderTrackerMessages = typeof en;

export const ordertrackerMessages: Catalogues<OrderTrackerMessages> = {
  en,
  'zh-CN': {
    title: '查询订单',
  },
  ar: {
    title: 'تتبّع طلبك',
  },
};
