/** The chat's value rules: the memory backend's, with its messages, so both backends answer alike. */
export { isBlank, isEmail } from '@kefu/core/domain';

export const MAX_MESSAGE_LENGTH = 5000;

export const messages = {
  name: 'Enter your name.',
  email: 'Enter a valid email address, e.g. ana@example.com.',
  topic: 'Choose a topic.',
  orderNumber: 'Enter the order number as it appears in your confirmation email.',
  tooLong: `Messages can be up to ${MAX_MESSAGE_LENGTH} characters.`,
  clientId: 'Each message needs a client id.',
  emptyText: 'Write a message first.',
  attachmentIds: 'An attachment is missing; please add it again.',
  typing: 'Expected true or false.',
  upToSeq: 'Expected the sequence number of an event in this conversation.',
  after: 'Expected a sequence number, 0 or more.',
} as const;
