import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-returns>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Return items',
};

export type ReturnsMessages = typeof en;

export const returnsMessages: Catalogues<ReturnsMessages> = {
  en,
  'zh-CN': {
    title: '退货',
  },
  ar: {
    title: 'إرجاع المنتجات',
  },
};
