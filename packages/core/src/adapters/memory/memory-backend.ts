import type { StoreConfig } from '../../model/config.js';
import type { Article } from '../../model/faq.js';
import type { KefuBackend } from '../../ports/backend.js';
import { createDemoOrders, demoArticles, demoStoreConfig } from '../../seed/index.js';
import type { SeedOrder } from '../../seed/types.js';
import { createMemoryCallbacks, type CallbacksControls } from './memory-callbacks.js';
import { createMemoryChat, type ChatControls } from './memory-chat.js';
import { createMemoryContext } from './memory-context.js';
import { createMemoryFaq, type FaqControls } from './memory-faq.js';
import { createMemoryOrders, type OrdersControls } from './memory-orders.js';
import { createMemoryReturns, type ReturnsControls } from './memory-returns.js';
import { createMemorySurveys, type SurveysControls } from './memory-surveys.js';
import { createScheduler } from './scheduler.js';

export interface MemoryBackendOptions {
  readonly config?: StoreConfig;
  /** The help centre; defaults to the demo store's articles. */
  readonly articles?: readonly Article[];
  /** The orders, built relative to the clock so delivery dates and return windows stay current. */
  readonly orders?: (now: Date) => readonly SeedOrder[];
  /** Simulated latency, so the demo shows loading states as a real backend would. */
  readonly latencyMs?: number;
  /** The clock; controls.advanceTime moves it further. */
  readonly now?: () => number;
  /** How long the simulated agent takes to join, to start typing and to finish typing. */
  readonly agentReplyDelayMs?: number;
  /** Randomness for tokens; crypto by default. Inject it for reproducible tokens in tests. */
  readonly random?: () => number;
  /**
   * Failed lookups of one order number before each further try waits (`rate_limited`, 30 s, then
   * doubling); see domain/order-lookup-limits.ts. Default 5.
   */
  readonly lookupLimit?: number;
  /** Chat ignores business hours, so the demo works at night. Default true. */
  readonly alwaysOpen?: boolean;
  /** Agents online at the start. Default 1. */
  readonly agentsOnline?: number;
  /** Whether the pretend agent joins and answers by herself. Default true. */
  readonly simulateAgent?: boolean;
  /**
   * What the config says of e-mail (`mail.sends`). This backend sends none, so it says false, as
   * the reference server does; a test of the widget's e-mail wording says true. Default false.
   */
  readonly sendsMail?: boolean;
}

/**
 * Test and demo hooks: what a store's editors and agents would do on the server side. Kept off
 * KefuBackend on purpose, so nothing in the SDK can depend on them.
 */
export interface MemoryBackendControls
  extends
    FaqControls,
    OrdersControls,
    ReturnsControls,
    CallbacksControls,
    SurveysControls,
    Omit<ChatControls, 'dispose'> {
  now(): number;
  /** Moves the clock forward, firing the agent's timers that fall due (tokens expire, limits lift). */
  advanceTime(ms: number): void;
  /** Cancels every timer and releases attachment URLs. */
  dispose(): void;
}

/** An in-browser backend seeded with the demo store: the default when no `apiBase` is given. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): KefuBackend {
  return createMemoryBackendWithControls(options).backend;
}

export function createMemoryBackendWithControls(options: MemoryBackendOptions = {}): {
  backend: KefuBackend;
  controls: MemoryBackendControls;
} {
  const scheduler = createScheduler(options.now);
  const context = createMemoryContext({
    config: { ...structuredClone(options.config ?? demoStoreConfig), mail: { sends: options.sendsMail ?? false } },
    scheduler,
    latencyMs: options.latencyMs ?? 0,
    random: options.random,
  });
  const faq = createMemoryFaq(context, options.articles ?? demoArticles);
  const seedOrders = (options.orders ?? createDemoOrders)(new Date(context.now()));
  const orders = createMemoryOrders(context, seedOrders, options.lookupLimit ?? 5);
  // Return photos need an order's access token or an identity token; chat attachments are the chat's own.
  const returns = createMemoryReturns(
    context,
    orders.access,
    (token) => orders.access.isValidToken(token),
    seedOrders.map((seed) => seed.order),
  );
  const callbacks = createMemoryCallbacks(context);
  const chat = createMemoryChat(context, {
    agentReplyDelayMs: options.agentReplyDelayMs ?? 1500,
    alwaysOpen: options.alwaysOpen ?? true,
    simulateAgent: options.simulateAgent ?? true,
    agentsOnline: options.agentsOnline ?? 1,
  });
  const surveys = createMemorySurveys(context);

  const backend: KefuBackend = {
    getConfig: (callOptions) => context.handle(callOptions?.signal, () => context.config),
    ...faq.backend,
    ...orders.backend,
    ...returns.backend,
    ...callbacks.backend,
    ...chat.backend,
    ...surveys.backend,
  };
  const { dispose: disposeChat, ...chatControls } = chat.controls;
  const controls: MemoryBackendControls = {
    ...faq.controls,
    ...orders.controls,
    ...returns.controls,
    ...callbacks.controls,
    ...surveys.controls,
    ...chatControls,
    now: () => context.now(),
    advanceTime: (ms) => scheduler.advanceTime(ms),
    dispose() {
      scheduler.dispose();
      disposeChat();
    },
  };
  return { backend, controls };
}
