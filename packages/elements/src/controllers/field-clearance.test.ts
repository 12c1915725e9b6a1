import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../define/kefu-widget.js';
import '../define/kefu-order-tracker.js';
import type { KefuWidget } from '../components/widget/widget.js';

/**
 * Issue 20: at 375 px the launcher covered form fields of the page (the React demo's, the help
 * page's). WCAG 2.4.11: a focused field is never hidden by it. The launcher steps aside while the
 * field it would hide has focus, and comes back after.
 */
describe('the launcher and the field the shopper types in', () => {
  const client = () => createKefu({ backend: createMemoryBackend(), storage: () => createMemoryStorage() });
  const launcherOf = (widget: KefuWidget) => widget.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!;
  /** What a tap at the field's centre would reach: the field itself, or what lies on it. */
  const onTop = (field: HTMLElement) => {
    const box = field.getBoundingClientRect();
    const [x, y] = [box.left + box.width - 20, box.top + box.height / 2];
    let found = document.elementFromPoint(x, y);
    // Into open shadow roots (the widget's launcher is in one), as deep as they go.
    for (let depth = 0; depth < 5 && found?.shadowRoot; depth += 1) {
      const inner: Element | null = found.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === found) break;
      found = inner;
    }
    return found;
  };

  beforeEach(() => setViewport({ width: 375, height: 667 }));

  it('steps aside while a page field under it has focus, and comes back after', async () => {
    const page = await fixture(
      html`<div>
        <input
          aria-label="Postcode"
          style="position: fixed; inset-inline-end: 8px; inset-block-end: 16px; inline-size: 240px; block-size: 48px"
        />
        <kefu-widget locale="en" .client=${client()}></kefu-widget>
      </div>`,
    );
    const field = page.querySelector('input')!;
    const widget = page.querySelector<KefuWidget>('kefu-widget')!;
    await widget.updateComplete;
    expect(onTop(field) === launcherOf(widget), 'the launcher lies on the field').to.equal(true);

    field.focus();
    await waitUntil(() => widget.hasAttribute('launcher-aside'), 'the launcher steps aside');
    await waitUntil(() => onTop(field) === field, 'the field is uncovered');
    expect(launcherOf(widget).hidden, 'still there for the keyboard').to.equal(false);

    field.blur();
    await waitUntil(() => !widget.hasAttribute('launcher-aside'), 'the launcher comes back');
  });

  it('stays where it is for a field it does not cover', async () => {
    const page = await fixture(
      html`<div>
        <input aria-label="Search" style="position: fixed; inset-inline-start: 8px; inset-block-start: 8px" />
        <kefu-widget locale="en" .client=${client()}></kefu-widget>
      </div>`,
    );
    const widget = page.querySelector<KefuWidget>('kefu-widget')!;
    page.querySelector('input')!.focus();
    // The controller weighs the field on focus and the widget draws its verdict in the next update.
    await widget.updateComplete;
    expect(widget.hasAttribute('launcher-aside')).to.equal(false);
  });

  it('steps aside for a field inside an inline Kefu element, which needs no setting for it', async () => {
    const shared = client();
    const page = await fixture(
      html`<div>
        <kefu-order-tracker
          locale="en"
          .client=${shared}
          style="position: fixed; inset-inline: 0; inset-block-end: 0; max-block-size: 200px; overflow: auto"
        ></kefu-order-tracker>
        <kefu-widget locale="en" .client=${shared}></kefu-widget>
      </div>`,
    );
    const tracker = page.querySelector('kefu-order-tracker')!;
    const widget = page.querySelector<KefuWidget>('kefu-widget')!;
    await waitUntil(() => tracker.shadowRoot!.querySelector('#field-contact'), 'the form');
    const field = tracker.shadowRoot!.querySelector<HTMLInputElement>('#field-contact')!;
    field.scrollIntoView({ block: 'end' });
    field.focus();
    await waitUntil(() => widget.hasAttribute('launcher-aside'), 'the launcher steps aside');
  });
});
