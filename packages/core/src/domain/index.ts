// @kefu/core/domain — the store's rules as pure functions, shared by the memory adapter and the
// reference server so that both backends answer alike: business hours and callback slots across
// timezones and daylight-saving changes, photo and attachment type sniffing, server-side FAQ search, the demo
// agent's replies, and what makes an order lookup, a return, a callback request, a survey
// response or article feedback valid.
export * from './zoned-time.js';
export * from './business-hours.js';
export * from './photo-type.js';
export * from './attachment-type.js';
export * from './chat-context.js';
export * from './chat-history.js';
export * from './chat-preview.js';
export * from './faq-search.js';
export * from './agent-replies.js';
export * from './fields.js';
export * from './text-fields.js';
export * from './faq-feedback.js';
export * from './orders.js';
export * from './order-lookup-limits.js';
export * from './returns.js';
export * from './return-records.js';
export * from './callbacks.js';
export * from './callbacks-calendar.js';
export * from './phone.js';
export * from './surveys.js';
export * from './survey-scales.js';
export * from './stable-json.js';
