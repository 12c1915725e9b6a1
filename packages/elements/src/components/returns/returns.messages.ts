import { withLookupMessages } from '../../forms/order-lookup.messages.js';
import { plural } from '../../i18n/plural.js';

/**
 * Strings of `<kefu-returns>`. English is the reference and ships with the element; the other
 * languages (returns.messages.<tag>.ts) have its type, so none can be missing, and are loaded only
 * for a shopper who reads them: together they were a third of the returns chunk. The lookup form's
 * strings are shared with the order tracker (forms/order-lookup.messages.ts).
 */
const en = {
  title: 'Return items',
  titleForOrder: (number: string) => `Return items from order ${number}`,
  loading: 'Loading…',

  // Lookup
  lookupIntro: 'Find your order to start a return.',
  findOrder: 'Find order',
  anotherOrder: 'Return items from another order',

  // Items
  itemsLegend: 'Which items would you like to return?',
  returnBy: (date: string) => `Return by ${date}`,
  notReturnable: {
    final_sale: 'Final sale: this item cannot be returned.',
    window_closed: 'The return window has closed.',
    already_returned: 'Already returned.',
    not_delivered: 'Not delivered yet: you can return it once it arrives.',
    cancelled: 'Cancelled: nothing to return.',
  },
  quantity: 'How many?',
  reason: 'Reason',
  chooseReason: 'Choose a reason',
  /** Labels of the store's reason codes; a code not listed here uses the store's own label. */
  reasons: {
    too_small: 'Too small',
    too_large: 'Too large',
    wrong_dimensions: 'Does not fit my bed or table',
    not_as_described: 'Not as described',
    damaged: 'Arrived damaged',
    wrong_item: 'Wrong item sent',
    changed_mind: 'Changed my mind',
  } as Readonly<Record<string, string>>,
  photos: 'Photos',
  photosRequired: (max: number, megabytes: number) =>
    `Required for this reason. Up to ${max} photos, JPEG, PNG or WebP, ${megabytes} MB each.`,
  photosOptional: (max: number, megabytes: number) =>
    `Optional. Up to ${max} photos, JPEG, PNG or WebP, ${megabytes} MB each.`,
  addPhoto: 'Add a photo',
  photoAlt: (index: number) => `Photo ${index}`,
  removePhoto: (index: number) => `Remove photo ${index}`,
  uploading: (name: string) => `Uploading ${name}`,
  photoTooLarge: (megabytes: number) => `This photo is larger than ${megabytes} MB. Choose a smaller one.`,
  photoWrongType: 'This file is not a JPEG, PNG or WebP photo.',
  photoTooMany: (max: number) => `You can add up to ${max} photos.`,
  photoOffline: 'Photos need a connection. Add them again once you are back online.',
  photoFailed: 'The photo could not be uploaded. Please try again.',
  exchangeFor: 'Exchange for',
  chooseVariant: 'Choose a size or colour',
  outOfStock: (name: string) => `${name} (out of stock)`,
  noVariants: 'This item has no other size or colour to exchange for.',

  // Resolution
  resolutionLegend: 'What would you like instead?',
  resolutions: {
    refund: 'Refund',
    exchange: 'Exchange',
    store_credit: 'Store credit',
  },
  resolutionHelp: {
    refund: 'Your money goes back to the card or account you paid with once we receive the items.',
    exchange: 'We send you another size or colour of the same product, at no extra cost.',
    store_credit: 'The amount is added to your account at once, to spend on anything in the store.',
  },
  comment: 'Anything else we should know? (optional)',

  // Errors next to fields
  errors: {
    items: 'Choose at least one item to return.',
    itemId: 'This item cannot be returned.',
    quantity: 'Choose how many to return.',
    reason: 'Choose a reason.',
    photoIds: 'Add at least one photo for this reason.',
    photoIdsMissing: 'A photo is missing. Please add it again.',
    exchangeVariantId: 'Choose the size or colour you want instead.',
    resolution: 'Choose what you would like instead.',
    comment: 'Please keep the comment shorter.',
  },
  fixErrors: 'Some answers need a look. They are marked below.',

  // Review and submit
  review: 'Review return',
  reviewTitle: 'Check your return',
  reviewLine: (quantity: number, name: string) => `${quantity} × ${name}`,
  reviewReason: (reason: string) => `Reason: ${reason}`,
  reviewPhotos: (count: number) => plural('en', count, { one: '1 photo', other: '{count} photos' }),
  reviewExchange: (variant: string) => `Exchange for: ${variant}`,
  reviewComment: 'Your comment',
  edit: 'Edit',
  submit: 'Submit return',

  // After submitting
  savedOffline: 'Saved — it will be sent when you are back online.',
  /** Online, but the last try found our service down (a 5xx, no answer): it is tried again by itself. */
  savedRetrying: 'Saved — our service is not answering right now. We will keep trying and send it as soon as it does.',
  sending: 'Sending your return…',
  /** The headline over a submitted return: it follows the return's status as it changes. */
  statusTitle: {
    requested: 'Return requested',
    approved: 'Return approved',
    rejected: 'Return rejected',
    received: 'Return received',
    refunded: 'Return refunded',
  },
  rma: (rma: string) => `Your return number is ${rma}.`,
  nextSteps: 'Find your order here again to see our decision.',
  nextStepsByEmail: 'We will email you when it is approved, with the label to print.',
  failed: 'We could not send your return.',
  failedUnauthorized: 'Your access to this order expired. Find the order again, then submit.',
  retry: 'Try again',
  startAnother: 'Return other items',

  // Earlier returns
  historyTitle: 'Returns on this order',
  status: {
    requested: 'Requested: we will review it soon.',
    approved: 'Approved: print the label and send the parcel.',
    rejected: 'Rejected',
    received: 'Received: we are checking the items.',
    refunded: 'Refunded',
  },
  statusTag: {
    requested: 'Requested',
    approved: 'Approved',
    rejected: 'Rejected',
    received: 'Received',
    refunded: 'Refunded',
  },
  requestedOn: (date: string) => `Requested on ${date}`,
  rejectedBecause: (reason: string) => `Reason: ${reason}`,
  label: 'Download the return label',
  qrLabel: (rma: string) => `QR code of the return label for ${rma}`,
};

export type ReturnsMessages = typeof en;

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const returnsMessages = withLookupMessages(en, {
  'zh-CN': () => import('./returns.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./returns.messages.ar.js').then((module) => module.ar),
});
