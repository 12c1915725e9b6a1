import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the shopper types into: a field that would be hidden under a launcher matters. */
function isTextEntry(target: EventTarget | undefined): target is HTMLElement {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Keeps a floating launcher off the field the shopper is typing in (WCAG 2.4.11, Focus Not
 * Obscured): while a text field of the page has focus and lies under the launcher, `covering` is
 * true and the host steps its launcher aside; it comes back when focus leaves the field, or the
 * field scrolls clear. Fields inside Kefu's own inline elements count too: the field is read from
 * the event's composed path, not its retargeted host, so an inline order tracker at the bottom of
 * a phone's screen keeps the launcher out of its way by itself.
 */
export class FieldClearanceController implements ReactiveController {
  covering = false;
  #field: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The launcher's box, while it is shown; undefined when there is none to move. */
    private readonly launcherBox: () => DOMRect | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('focusin', this.#onFocusIn);
    document.addEventListener('focusout', this.#onFocusOut);
    // The keyboard opening (a resize) or a scroll can bring the field under the launcher later.
    window.addEventListener('resize', this.#check, { passive: true });
    window.addEventListener('scroll', this.#check, { passive: true, capture: true });
  }

  hostDisconnected(): void {
    document.removeEventListener('focusin', this.#onFocusIn);
    document.removeEventListener('focusout', this.#onFocusOut);
    window.removeEventListener('resize', this.#check);
    window.removeEventListener('scroll', this.#check, { capture: true });
  }

  readonly #onFocusIn = (event: FocusEvent): void => {
    const [target] = event.composedPath();
    // Kefu's own panel is the launcher's, never in its way.
    this.#field = isTextEntry(target) && !event.composedPath().includes(this.host) ? target : undefined;
    this.#check();
  };

  readonly #onFocusOut = (): void => {
    this.#field = undefined;
    this.#check();
  };

  readonly #check = (): void => {
    const launcher = this.covering ? this.#lastBox : this.launcherBox();
    if (launcher) this.#lastBox = launcher;
    const covering = Boolean(this.#field && launcher && overlaps(this.#field.getBoundingClientRect(), launcher));
    if (covering === this.covering) return;
    this.covering = covering;
    this.host.requestUpdate();
  };

  /** Where the launcher was before it stepped aside: a hidden launcher has no box to measure. */
  #lastBox: DOMRect | undefined;
}
