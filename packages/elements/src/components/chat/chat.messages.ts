import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-chat>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Chat with us',
};

export type ChatMessages = typeof en;

export const chatMessages: Catalogues<ChatMessages> = {
  en,
  'zh-CN': {
    title: '在线客服',
  },
  ar: {
    title: 'تحدّث معنا',
  },
};
