import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-callback>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Request a call back',
};

export type CallbackMessages = typeof en;

export const callbackMessages: Catalogues<CallbackMessages> = {
  en,
  'zh-CN': {
    title: '预约回电',
  },
  ar: {
    title: 'اطلب معاودة الاتصال',
  },
};
