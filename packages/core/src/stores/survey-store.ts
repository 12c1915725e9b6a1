import { batch, computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals-core';
import type { CallbackRecord } from '../model/callbacks.js';
import type { Conversation } from '../model/chat.js';
import type { StoreConfig, SurveyKind, SurveyTrigger } from '../model/config.js';
import type { SurveyResponseInput, SurveySubject } from '../model/surveys.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import type { StorageMode } from '../storage/kefu-storage.js';
import type { AsyncState } from '../state.js';
import type { ConfigStore } from './config-store.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';
import { watchSurveyTriggers, type SurveyEvent } from './survey-triggers.js';

/** A survey waiting for the shopper: the widget shows it (opens the survey view, or a badge). */
export interface SurveyPrompt {
  readonly kind: SurveyKind;
  readonly subject: SurveySubject;
  /** What asked: one of the store's triggers, or the host page through the JS API. */
  readonly trigger: SurveyTrigger | 'api';
  /** When it may be shown: the event's time plus the trigger's delay. */
  readonly dueAt: number;
}

/** What `ask` did: shows the prompt, or why not. */
export type SurveyAskOutcome = 'prompted' | 'asked-before' | 'cooling-down' | 'disabled';

/** Where a subject stands for one kind of survey, remembered on this device. */
export type SurveySubjectStatus = 'new' | 'pending' | 'answered' | 'dismissed' | 'withdrawn';

export interface SurveyStore {
  readonly submissions: ReadonlySignal<readonly OutboxItem<'survey'>[]>;
  /** The survey to show now, if any: due, not answered, and not inside a dismissal's cool-down. */
  readonly prompt: ReadonlySignal<SurveyPrompt | undefined>;
  /** Until when nothing is asked because the shopper said "not now" (ms since the epoch). */
  readonly coolingDownUntil: ReadonlySignal<number | undefined>;
  /**
   * Asks a survey now (the JS API: `Kefu('survey', 'nps')`), by the same rules as the triggers:
   * once per kind and subject, never inside the cool-down, never when the store turned surveys off.
   */
  ask(kind: SurveyKind, subject?: SurveySubject): Promise<SurveyAskOutcome>;
  /**
   * Sends an answer through the outbox (offline is fine). One answer per kind and subject: the
   * subject is the submission's key, so answering twice sends once.
   */
  answer(input: SurveyResponseInput): Promise<OutboxItem<'survey'>>;
  /**
   * "Not now": the survey (the current prompt by default) is not asked again, and nothing is
   * asked for the store's `cooldownDays`.
   */
  dismiss(target?: { kind: SurveyKind; subject: SurveySubject }): Promise<void>;
  /** A subject that no longer deserves a survey (a cancelled callback): its prompts are dropped. */
  withdraw(subject: SurveySubject): Promise<void>;
  statusOf(kind: SurveyKind, subject: SurveySubject): Promise<SurveySubjectStatus>;
  /**
   * Whether the shopper answered this survey, live: true once the answer is in the outbox (waiting
   * or sent) or remembered from an earlier visit; undefined while storage is read. What an element
   * shows ("rate this" or "thank you") follows it.
   */
  answered(kind: SurveyKind, subject: SurveySubject): ReadonlySignal<boolean | undefined>;
  dispose(): void;
}

export interface SurveyStoreDeps {
  readonly config: ConfigStore;
  /** The chat store's conversation: its closing is the `chat_closed` trigger. */
  readonly conversation: ReadonlySignal<Conversation | undefined>;
  /** Storage becoming persistent brings back what an earlier visit remembered. */
  readonly storageMode?: ReadonlySignal<StorageMode>;
  /** The callback store's cancellation: a cancelled callback is not asked about. */
  readonly callbackCancellation?: ReadonlySignal<AsyncState<CallbackRecord>>;
}

const day = 24 * 60 * 60 * 1000;
const DEFAULT_COOLDOWN_DAYS = 30;
/** A prompt the shopper never saw is dropped after this: a week-old "how was the chat?" is noise. */
const PROMPT_SHELF_LIFE_MS = 7 * day;
/** setTimeout's limit; a later due date is reached in several steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const storeSubject: SurveySubject = { type: 'store', id: 'store' };

interface SubjectRecord {
  readonly status: Exclude<SurveySubjectStatus, 'new'>;
  readonly at: number;
}

const subjectKey = (kind: SurveyKind, subject: SurveySubject) =>
  `subject/${kind}/${subject.type}/${encodeURIComponent(subject.id)}`;
const sameSubject = (a: SurveySubject, b: SurveySubject) => a.type === b.type && a.id === b.id;
/** The same survey: its kind, about the same subject. */
const sameSurvey = (a: Pick<SurveyPrompt, 'kind' | 'subject'>, b: Pick<SurveyPrompt, 'kind' | 'subject'>) =>
  a.kind === b.kind && sameSubject(a.subject, b.subject);
/** The answer's outbox id: one answer per kind and subject. */
const answerId = (kind: SurveyKind, subject: SurveySubject) => `survey-${kind}-${subject.type}-${subject.id}`;
const PENDING_KEY = 'pending';
const DISMISSED_KEY = 'dismissed';

export function createSurveyStore(context: StoreContext, deps: SurveyStoreDeps): SurveyStore {
  const { cache, clock, outbox } = context;
  const pending = signal<readonly SurveyPrompt[]>([]);
  const dismissedAt = signal<number | undefined>(undefined);
  const now = signal(clock.now());
  const cooldownDays = computed(() => deps.config.state.value.data?.surveys.cooldownDays ?? DEFAULT_COOLDOWN_DAYS);
  const coolingDownUntil = computed(() =>
    dismissedAt.value === undefined ? undefined : dismissedAt.value + cooldownDays.value * day,
  );
  // A prompt that fell due inside a cool-down is never shown: asking it later would be stale.
  const visible = (prompt: SurveyPrompt, at: number) => {
    const until = coolingDownUntil.value;
    return (
      prompt.dueAt <= at && at - prompt.dueAt < PROMPT_SHELF_LIFE_MS && (until === undefined || prompt.dueAt >= until)
    );
  };
  const prompt = computed(() => pending.value.find((candidate) => visible(candidate, now.value)));
  /** Events already weighed in this page: the triggers report the same closed chat many times. */
  const weighed = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  let timer: unknown;
  let disposed = false;

  /** One change at a time, so two events cannot both read "not asked yet" and both ask. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function tick(): void {
    clock.clearTimeout(timer);
    timer = undefined;
    if (disposed) return;
    const at = clock.now();
    now.value = at;
    const next = Math.min(
      ...pending
        .peek()
        .map((p) => p.dueAt)
        .filter((dueAt) => dueAt > at),
    );
    if (Number.isFinite(next)) timer = clock.setTimeout(tick, Math.min(next - at, MAX_TIMER_MS));
  }

  /** The store's configuration, loaded first if it is not yet. */
  async function storeConfig(): Promise<StoreConfig | undefined> {
    if (!deps.config.state.peek().data) await deps.config.load();
    return deps.config.state.peek().data;
  }

  async function setPending(next: readonly SurveyPrompt[]): Promise<void> {
    const at = clock.now();
    const kept = next.filter((p) => at - p.dueAt < PROMPT_SHELF_LIFE_MS);
    pending.value = kept;
    tick();
    // Until storage opens, writes go to memory and would then replace what an earlier visit left;
    // `restore` merges both and writes the list once storage is open.
    if (deps.storageMode?.peek() === 'deferred') return;
    await cache.write('survey', kept, { key: PENDING_KEY }).catch(() => undefined);
  }

  /** What storage remembers of each subject asked about through `answered`, by subject key. */
  const remembered = new Map<string, Signal<SurveySubjectStatus | undefined>>();
  const answeredSignals = new Map<string, ReadonlySignal<boolean | undefined>>();

  async function record(kind: SurveyKind, subject: SurveySubject, status: SubjectRecord['status']): Promise<void> {
    const watched = remembered.get(subjectKey(kind, subject));
    if (watched) watched.value = status;
    await cache.write<SubjectRecord>('survey', { status, at: clock.now() }, { key: subjectKey(kind, subject) });
  }

  async function statusOf(kind: SurveyKind, subject: SurveySubject): Promise<SurveySubjectStatus> {
    const stored = await cache.read<SubjectRecord>('survey', subjectKey(kind, subject));
    return stored?.data.status ?? 'new';
  }

  async function consider(prompt: SurveyPrompt, enabled: boolean): Promise<SurveyAskOutcome> {
    if (!enabled) return 'disabled';
    const status = await statusOf(prompt.kind, prompt.subject);
    if (status === 'pending' && pending.peek().some((p) => sameSurvey(p, prompt))) return 'prompted';
    if (status !== 'new') return 'asked-before';
    const until = coolingDownUntil.peek();
    if (until !== undefined && prompt.dueAt < until) return 'cooling-down';
    await record(prompt.kind, prompt.subject, 'pending');
    await setPending([...pending.peek(), prompt]);
    return 'prompted';
  }

  function onEvent(event: SurveyEvent): void {
    const key = `${event.on}/${event.subject.type}/${event.subject.id}`;
    if (weighed.has(key) || disposed) return;
    weighed.add(key);
    void serially(async () => {
      const config = await storeConfig();
      // Without the store's settings (offline, no cached config) the event is weighed again next time.
      if (!config) weighed.delete(key);
      const trigger = config?.surveys.triggers.find((candidate) => candidate.on === event.on);
      if (!config || !trigger) return;
      const dueAt = event.at + Math.max(0, trigger.delaySeconds) * 1000;
      await consider({ kind: trigger.kind, subject: event.subject, trigger: event.on, dueAt }, config.channels.surveys);
    }).catch(() => undefined);
  }

  /** What an earlier visit remembered, merged with what this page has asked meanwhile. */
  function restore(): Promise<void> {
    return serially(async () => {
      const [stored, dismissed] = await Promise.all([
        cache.read<readonly SurveyPrompt[]>('survey', PENDING_KEY),
        cache.read<{ at: number }>('survey', DISMISSED_KEY),
      ]);
      if (dismissed && (dismissedAt.peek() ?? 0) < dismissed.data.at) dismissedAt.value = dismissed.data.at;
      const current = pending.peek();
      const earlier = (stored?.data ?? []).filter((p) => !current.some((c) => sameSurvey(c, p)));
      if (earlier.length > 0 || current.length > 0) await setPending([...earlier, ...current]);
      else tick();
    }).catch(() => undefined);
  }

  async function removePrompts(match: (prompt: SurveyPrompt) => boolean): Promise<void> {
    await setPending(pending.peek().filter((p) => !match(p)));
  }

  const stopTriggers = watchSurveyTriggers(
    { conversation: deps.conversation, outboxItems: outbox.items, now: () => clock.now() },
    onEvent,
  );
  let lastMode = deps.storageMode?.peek();
  const stopRestore = effect(() => {
    const mode = deps.storageMode?.value;
    if (mode !== lastMode && mode === 'persistent') void restore();
    lastMode = mode;
  });
  void restore();

  const store: SurveyStore = {
    submissions: submissionsOf(outbox, 'survey'),
    prompt,
    coolingDownUntil,
    ask: (kind, subject = storeSubject) =>
      serially(async () => {
        const config = await storeConfig();
        return consider({ kind, subject, trigger: 'api', dueAt: clock.now() }, config?.channels.surveys ?? false);
      }),
    async answer(input) {
      const item = await outbox.enqueue('survey', input, { id: answerId(input.kind, input.subject) });
      await serially(async () => {
        await record(input.kind, input.subject, 'answered');
        await removePrompts((p) => sameSurvey(p, input));
      }).catch(() => undefined);
      return item;
    },
    dismiss: (target) =>
      serially(async () => {
        const dismissed = target ?? prompt.peek();
        const at = clock.now();
        batch(() => {
          dismissedAt.value = at;
          now.value = at;
        });
        await cache.write('survey', { at }, { key: DISMISSED_KEY });
        if (!dismissed) return;
        await record(dismissed.kind, dismissed.subject, 'dismissed');
        await removePrompts((p) => sameSurvey(p, dismissed));
      }).catch(() => undefined),
    withdraw: (subject) =>
      serially(async () => {
        for (const kind of ['csat', 'nps', 'ces'] as const) {
          const status = await statusOf(kind, subject);
          if (status === 'new' || status === 'pending') await record(kind, subject, 'withdrawn');
        }
        await removePrompts((p) => sameSubject(p.subject, subject));
      }).catch(() => undefined),
    statusOf,
    answered(kind, subject) {
      const key = subjectKey(kind, subject);
      let answered = answeredSignals.get(key);
      if (answered) return answered;
      const stored = signal<SurveySubjectStatus | undefined>(undefined);
      remembered.set(key, stored);
      void statusOf(kind, subject)
        .catch((): SurveySubjectStatus => 'new')
        .then((status) => {
          // An answer given meanwhile (recorded through `record`) is newer than what was read.
          if (stored.peek() === undefined) stored.value = status;
        });
      const id = answerId(kind, subject);
      const submissions = store.submissions;
      answered = computed(() => {
        const item = submissions.value.find((candidate) => candidate.id === id);
        // A failed answer did not count: the shopper may be asked again.
        if (item) return item.status !== 'failed';
        return stored.value === undefined ? undefined : stored.value === 'answered';
      });
      answeredSignals.set(key, answered);
      return answered;
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(timer);
      stopTriggers();
      stopRestore();
      stopCancellations();
    },
  };
  const stopCancellations = effect(() => {
    const cancelled = deps.callbackCancellation?.value.data;
    if (cancelled?.status === 'cancelled') void store.withdraw({ type: 'callback', id: cancelled.id });
  });
  return store;
}
