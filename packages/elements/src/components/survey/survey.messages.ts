import { lazyCatalogues } from '../../i18n/lazy-catalogues.js';

type Subject = 'conversation' | 'return' | 'callback' | 'store';

/** Strings of `<kefu-survey>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Tell us how we did',
  csatQuestion: {
    conversation: 'How satisfied are you with the chat?',
    callback: 'How satisfied are you with our call?',
    return: 'How satisfied are you with your return?',
    store: 'How satisfied are you with our help?',
  } satisfies Record<Subject, string>,
  /** CSAT 1 to 5: short words, so that five fit side by side on a phone. */
  csatLabels: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
  npsQuestion: (store: string) => `How likely are you to recommend ${store} to a friend?`,
  npsStoreFallback: 'us',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  cesQuestion: 'How easy was it to get the help you needed?',
  cesReturnQuestion: 'How easy was it to request your return?',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
  reasonLegend: 'What went wrong?',
  reasons: {
    slow: 'It took too long',
    unresolved: 'My problem was not solved',
    unclear: 'The answer was hard to understand',
    other: 'Something else',
  },
  comment: 'Anything you would like to add? (optional)',
  commentLow: 'What could we have done better? (optional)',
  send: 'Send',
  notNow: 'Not now',
  chooseScore: 'Choose a score first.',
  thanks: 'Thank you for your feedback!',
  queued: 'Your answer is saved and will be sent when you are back online.',
  failed: 'Your answer could not be sent. Thank you all the same.',
  sorry: 'We are sorry it was not better. Would you like to talk to someone?',
  chat: 'Chat with us',
  callback: 'Request a callback',
  noHelpHere: 'Open Help on this page to chat with us or ask for a call.',
  answeredBefore: 'You have already answered this survey. Thank you!',
  dismissed: 'No problem. We will not ask you again for a while.',
};

export type SurveyMessages = typeof en;

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const surveyMessages = lazyCatalogues(en, {
  'zh-CN': () => import('./survey.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./survey.messages.ar.js').then((module) => module.ar),
});
