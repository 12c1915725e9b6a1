import type { SurveyKind, SurveyResponseInput } from '@kefu/core';

export type SurveySubject = SurveyResponseInput['subject'];

/** The places a shopper can go in Kefu; each is a view of the widget and an element of its own. */
export type KefuView = 'home' | 'faq' | 'orders' | 'returns' | 'chat' | 'callback' | 'survey';

/**
 * Where to go and what to bring along. One feature hands the shopper to another with it: the
 * order tracker's "start a return" sends `{ view: 'returns', orderNumber }`, an unhelpful article
 * sends `{ view: 'chat', articleId }`.
 */
export interface KefuNavigateDetail {
  readonly view: KefuView;
  /** The FAQ: a query to search for, or an article to open. */
  readonly query?: string;
  readonly articleId?: string;
  /** The order the next view is about (returns, chat, callback, orders). */
  readonly orderNumber?: string;
  /** A topic to pre-select (chat, callback). */
  readonly topic?: string;
  /** Surveys: which kind, about what. */
  readonly surveyKind?: SurveyKind;
  readonly surveySubject?: SurveySubject;
}

export const navigateEventName = 'kefu-navigate';

/**
 * Asks whoever hosts Kefu to show another view: the widget when the element is inside it, else
 * the loader, which opens the widget there. The event bubbles out of shadow roots; a handler
 * calls `preventDefault()` to say it took care of it.
 *
 * @returns whether someone handled it (an element on its own may then show a fallback).
 */
export function requestNavigation(from: HTMLElement, detail: KefuNavigateDetail): boolean {
  const event = new CustomEvent<KefuNavigateDetail>(navigateEventName, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  from.dispatchEvent(event);
  return event.defaultPrevented;
}

declare global {
  interface HTMLElementEventMap {
    'kefu-navigate': CustomEvent<KefuNavigateDetail>;
  }
  interface DocumentEventMap {
    'kefu-navigate': CustomEvent<KefuNavigateDetail>;
  }
}
