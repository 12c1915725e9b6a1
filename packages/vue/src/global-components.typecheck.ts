// Type-checked by `npm run lint` (tsc), never run: the generated GlobalComponents give Vue templates
// (Volar / vue-tsc) typed props and events for every <kefu-…> tag.
import type { GlobalComponents } from 'vue';
import type { KefuClient } from '@kefu/core';
import './generated/components.js';

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const faq: PropsOf<'kefu-faq'> = {
  query: 'returns',
  locale: 'zh-CN',
  onKefuNavigate: (event) =>
    event.detail.view satisfies 'home' | 'faq' | 'orders' | 'returns' | 'chat' | 'callback' | 'survey',
};

export const tracker: PropsOf<'kefu-order-tracker'> = {
  orderNumber: 'MM-1004',
  client: undefined as KefuClient | undefined,
};

export const widget: PropsOf<'kefu-widget'> = {
  open: true,
  position: 'start',
  onKefuOpen: (event: Event) => event.type,
};

// @ts-expect-error position is 'start' or 'end'
export const wrongPosition: PropsOf<'kefu-widget'> = { position: 'left' };

// @ts-expect-error query is a string
export const wrongQuery: PropsOf<'kefu-faq'> = { query: 42 };

export const wrongDetail: PropsOf<'kefu-chat'> = {
  // @ts-expect-error kefu-navigate's detail has no such field
  onKefuNavigate: (event) => event.detail.nope,
};
