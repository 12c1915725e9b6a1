import { effect, type ReadonlySignal } from '@preact/signals-core';
import type { CallbackRecord } from '../model/callbacks.js';
import type { Conversation } from '../model/chat.js';
import type { SurveyTrigger } from '../model/config.js';
import type { SurveySubject } from '../model/surveys.js';
import type { OutboxItem } from '../outbox/outbox-item.js';

/** Something happened that a survey may follow. */
export interface SurveyEvent {
  readonly on: SurveyTrigger;
  readonly subject: SurveySubject;
  /** When it happened (for a callback: when its slot ends), in ms since the epoch. */
  readonly at: number;
}

export interface SurveyTriggerSources {
  readonly conversation: ReadonlySignal<Conversation | undefined>;
  readonly outboxItems: ReadonlySignal<readonly OutboxItem[]>;
  readonly now: () => number;
}

/** A sent return's or callback's `result`: the server's record (the contract's ReturnRecord, CallbackRecord). */
type SentRecord = Partial<Pick<CallbackRecord, 'id' | 'slot'>> | undefined;

/**
 * The events surveys follow, read from what the other stores already show:
 * - `chat_closed`: the open conversation's status became `closed` (the shopper or the agent ended it);
 * - `return_created`: a return request the outbox has sent (the server accepted it);
 * - `callback_completed`: a callback request the outbox has sent; it is "completed" when its slot
 *   ends — the shopper cannot see the agent's outcome, so the end of the promised window is the
 *   moment the call is over (see docs/features/surveys.md).
 *
 * Calls `onEvent` for every such event it sees, as often as it sees it: the survey store keeps
 * the once-per-subject rule. Returns the function that stops watching.
 */
export function watchSurveyTriggers(sources: SurveyTriggerSources, onEvent: (event: SurveyEvent) => void): () => void {
  const stopChat = effect(() => {
    const conversation = sources.conversation.value;
    if (conversation?.status !== 'closed') return;
    onEvent({ on: 'chat_closed', subject: { type: 'conversation', id: conversation.id }, at: sources.now() });
  });
  const stopOutbox = effect(() => {
    for (const item of sources.outboxItems.value) {
      if (item.status !== 'sent') continue;
      const record = item.result as SentRecord;
      if (item.kind === 'return') {
        const id = record?.id || item.id;
        onEvent({ on: 'return_created', subject: { type: 'return', id }, at: item.sentAt ?? sources.now() });
      } else if (item.kind === 'callback') {
        const endsAt = Date.parse(record?.slot?.end ?? '');
        if (record?.id && Number.isFinite(endsAt))
          onEvent({ on: 'callback_completed', subject: { type: 'callback', id: record.id }, at: endsAt });
      }
    }
  });
  return () => {
    stopChat();
    stopOutbox();
  };
}
