import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-faq>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Help centre',
};

export type FaqMessages = typeof en;

export const faqMessages: Catalogues<FaqMessages> = {
  en,
  'zh-CN': {
    title: '帮助中心',
  },
  ar: {
    title: 'مركز المساعدة',
  },
};
