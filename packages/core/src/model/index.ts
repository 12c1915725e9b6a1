export type * from './config.js';
export type * from './faq.js';
export type * from './orders.js';
export type * from './returns.js';
export type * from './callbacks.js';
export type * from './chat.js';
export type * from './surveys.js';
