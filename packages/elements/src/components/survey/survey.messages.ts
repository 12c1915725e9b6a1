import type { Catalogues } from '../../i18n/localize.js';

/** Strings of `<kefu-survey>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Tell us how we did',
};

export type SurveyMessages = typeof en;

export const surveyMessages: Catalogues<SurveyMessages> = {
  en,
  'zh-CN': {
    title: '请评价我们的服务',
  },
  ar: {
    title: 'أخبرنا عن تجربتك',
  },
};
