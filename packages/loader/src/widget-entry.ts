/**
 * The lazily loaded part of the script-tag build: the core, Lit and the widget. Importing it only
 * defines elements; storage and the backend are touched once `mount` runs, on the shopper's intent.
 */
import { createKefu, type KefuClient, type OutboxItem, type OutboxKind, type SurveyKind } from '@kefu/core';
import '@kefu/elements/define/kefu-widget.js';
import { navigateEventName, setSharedClient, type KefuNavigateDetail, type KefuWidget } from '@kefu/elements';
import type { Emit, KefuEventName, LoaderSettings } from './settings.js';

export interface WidgetApi {
  /**
   * `destination`: a view to open on (`open('returns')`); `trigger`: the store's own button that
   * asked, which gets focus back on close.
   */
  open(destination?: KefuNavigateDetail, trigger?: HTMLElement): Promise<void>;
  close(): Promise<void>;
  toggle(): Promise<void>;
  /** Asks a survey about the store; opens the panel on it unless it was answered or dismissed lately. */
  survey(kind: SurveyKind): Promise<void>;
  update(change: Partial<LoaderSettings>): void;
  forget(): Promise<void>;
  shutdown(): void;
}

/** Which settled submissions the host hears about, and as which event. */
const sentEvents: Partial<Record<OutboxKind, KefuEventName>> = {
  return: 'return-created',
  callback: 'callback-requested',
  survey: 'survey-answered',
};

export function mount(settings: LoaderSettings, loaderLauncher: HTMLElement | undefined, emit: Emit): WidgetApi {
  const client = createKefu({
    ...(settings.apiBase ? { apiBase: settings.apiBase } : {}),
    ...(settings.locale ? { locale: settings.locale } : {}),
    ...(settings.identityToken ? { identityToken: settings.identityToken } : {}),
    ...(settings.consent ? { consent: settings.consent } : {}),
  });
  // Every Kefu element on the page (an inline <kefu-order-tracker>, say) shares this client.
  setSharedClient(client);
  const widget: KefuWidget = document.createElement('kefu-widget');
  // The locale went to the client above, as its default: the shopper's pick in the panel wins over
  // it, and only a later, explicit setLocale (`update`) replaces that pick.
  const { locale: _default, ...rest } = settings;
  applySettings(widget, client, rest);
  document.body.append(widget);
  // The real launcher takes the place of the loader's, which had the same look and spot.
  const hadFocus = Boolean(loaderLauncher?.shadowRoot?.activeElement);
  loaderLauncher?.remove();
  if (hadFocus) void widget.updateComplete.then(() => widget.focus());

  widget.addEventListener('kefu-open', () => emit('open'));
  widget.addEventListener('kefu-close', () => emit('close'));
  widget.addEventListener('kefu-unread', (event) => emit('unread', (event as CustomEvent<{ count: number }>).detail));
  widget.addEventListener('kefu-message', (event) => emit('message', (event as CustomEvent).detail));
  const stopForwarding = forwardSubmissions(client, emit);
  // An element on the page, outside the panel, hands the shopper on ("start a return" in an inline
  // order tracker): the panel opens there.
  const onNavigate = (event: CustomEvent<KefuNavigateDetail>) => {
    event.preventDefault();
    void widget.show(event.detail);
  };
  document.addEventListener(navigateEventName, onNavigate);

  return {
    open(destination, trigger) {
      if (trigger) widget.hostLauncher = trigger;
      return widget.show(destination);
    },
    close: () => widget.hide(),
    toggle: () => (widget.open ? widget.hide() : widget.show()),
    async survey(kind) {
      const subject = { type: 'store', id: 'store' } as const;
      if ((await client.survey.ask(kind, subject)) === 'prompted') {
        await widget.show({ view: 'survey', surveyKind: kind, surveySubject: subject });
      }
    },
    update: (change) => applySettings(widget, client, change),
    forget: () => client.forget(),
    shutdown() {
      stopForwarding();
      document.removeEventListener(navigateEventName, onNavigate);
      setSharedClient(undefined);
      widget.remove();
      client.dispose();
    },
  };
}

function applySettings(widget: KefuWidget, client: KefuClient, settings: Partial<LoaderSettings>): void {
  // The client's locale, not the widget's: every Kefu element on the page follows it, and the
  // shopper's pick in the panel wins over the host's default.
  if (settings.locale) client.session.setLocale(settings.locale);
  if (settings.position) widget.position = settings.position;
  if (settings.label) widget.label = settings.label;
  if (settings.launcher) widget.hostLauncher = document.querySelector<HTMLElement>(settings.launcher) ?? undefined;
  if ('theme' in settings) widget.theme = settings.theme;
  if ('identityToken' in settings) client.session.identify(settings.identityToken);
  if (settings.consent) void client.setConsent(settings.consent);
  if ('suggestions' in settings) client.faq.suggest(settings.suggestions ?? null);
}

/**
 * Emits return-created, callback-requested and survey-answered when a submission this page saw
 * waiting is accepted by the server. Items that arrive already sent (an earlier page's, loaded
 * from storage) are not news. Every open tab of the store hears about a submission once.
 */
function forwardSubmissions(client: KefuClient, emit: Emit): () => void {
  const seenWaiting = new Set<string>();
  return client.outbox.items.subscribe((items: readonly OutboxItem[]) => {
    for (const item of items) {
      const event = sentEvents[item.kind];
      if (!event) continue;
      if (item.status === 'pending') seenWaiting.add(item.id);
      else if (item.status === 'sent' && seenWaiting.delete(item.id)) emit(event, item.result);
    }
  });
}
