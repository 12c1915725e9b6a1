import { lazyCatalogues } from '../../i18n/lazy-catalogues.js';
import type { ZoneNames } from '../contact/contact-channels.js';

/** Strings of `<kefu-callback>`. English is the reference; the others have its type, so none can be missing. */
const en = {
  title: 'Request a call back',
  intro: 'Choose a time that suits you and we will call you.',
  nameLabel: 'Your name',
  nameMissing: 'Enter your name.',
  nameTooLong: (max: number) => `Too long: ${max} characters at most.`,
  countryLabel: 'Country',
  phoneLabel: 'Phone number',
  phoneHint: 'The number we should call.',
  phoneEmpty: 'Enter your phone number.',
  phoneTooShort: (country: string) => `This number looks incomplete: some digits are missing for ${country}.`,
  phoneTooLong: (country: string) => `This number has too many digits for ${country}.`,
  phoneInvalid: (country: string) =>
    `This is not a valid phone number in ${country}. Check it, or choose another country.`,
  phoneWillCall: (number: string) => `We will call ${number}.`,
  slotLegend: 'When should we call?',
  yourTimeZone: (zone: ZoneNames) => `Times are in your timezone (${zone.city}).`,
  dayLabel: 'Day',
  nextAvailable: (day: string, time: string) => `Next available: ${day}, ${time}`,
  storeTime: (time: string, zone: ZoneNames) => `${time} in ${zone.city}`,
  yourTime: 'your time',
  slotMissing: 'Choose a time.',
  slotTaken: 'That time was just taken. Please choose another: these times are still free.',
  slotsLoading: 'Loading free times…',
  slotsFailed: 'We could not load the free times.',
  noSlots: 'There are no free times in the coming days. Please try again later, or write to us.',
  tryAgain: 'Try again',
  topicLabel: 'What would you like to talk about?',
  orderNote: (order: string) => `About order ${order}`,
  consentLabel: 'I agree to be called at this number about this request.',
  consentMissing: 'Please agree to be called.',
  submit: 'Request the call',
  formLoading: 'Loading the form…',
  formFailed: 'We could not load the form. Check your connection, then reload the page.',
  savedOffline: 'Saved. You are offline: we will send your request as soon as you are back online.',
  savedRetrying: 'Saved. Our service is not answering: we keep trying to send your request.',
  sending: 'Sending your request…',
  sendFailed: 'We could not send your request.',
  confirmedTitle: 'Your call is booked',
  confirmedSlot: (day: string, time: string) => `We will call you on ${day}, ${time}.`,
  addToCalendar: 'Add to calendar',
  calendarSummary: (store: string) => `Call from ${store}`,
  calendarDescription: (topic: string) => `About: ${topic}`,
  cancel: 'Cancel this call',
  cancelling: 'Cancelling…',
  cancelFailed: 'We could not cancel the call. Please try again.',
  cancelledTitle: 'Your call is cancelled',
  cancelledText: 'We will not call you. You can book another time whenever you like.',
  bookAnother: 'Book another call',
  storeFallbackName: 'the store',
};

export type CallbackMessages = typeof en;

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const callbackMessages = lazyCatalogues(en, {
  'zh-CN': () => import('./callback.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./callback.messages.ar.js').then((module) => module.ar),
});
