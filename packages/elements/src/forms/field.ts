import { html, nothing, type TemplateResult } from 'lit';

/**
 * The id of the control a field key names. Keys can be paths (`items.item_1.reason`, as the
 * server reports field errors), so the id keeps only what an id selector accepts unescaped.
 */
export function fieldId(key: string): string {
  return `field-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export interface Field {
  /** What the form calls the field; its control's id is `fieldId(key)`. */
  readonly key: string;
  readonly label: string;
  /** Help that stays on screen (a format, where to find something). */
  readonly hint?: string | TemplateResult;
  /** What is wrong with the value; empty or undefined when nothing is. */
  readonly error?: string | undefined;
}

/** What a control carries to be tied to its label, hint and error. */
export interface ControlWiring {
  readonly id: string;
  readonly invalid: 'true' | 'false';
  /** The error first (it is what the shopper must act on), then the hint; `nothing` when neither. */
  readonly describedBy: string | typeof nothing;
}

/**
 * A field as every form lays it out: label, hint, error, then the control — the hint and the error
 * above the control, where a phone's keyboard or an autofill list does not cover them.
 *
 * The error paragraph is always there (empty, hidden by `.error:empty`) so its id never dangles and
 * the layout does not need a new node when it fills. It is deliberately not a live region: errors
 * checked as the shopper types would be announced on every key. A screen reader hears it as the
 * control's description when focus lands there (forms move focus to the first invalid field), and
 * a form announces a failed submit once, in its own `role="alert"` summary.
 *
 * The control is the caller's (input, select, textarea): it spreads `wiring` onto it.
 */
export function field({ key, label, hint, error }: Field, control: (wiring: ControlWiring) => TemplateResult) {
  const id = fieldId(key);
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing} ${fieldError(key, error)}
    ${control({ id, invalid: error ? 'true' : 'false', describedBy: describedBy || nothing })}
  </div>`;
}

/** The error of a field, or of a group of controls (a fieldset of radios, a checkbox with its label). */
export function fieldError(key: string, error: string | undefined): TemplateResult {
  return html`<p class="error field-error" id="${fieldId(key)}-error">${error ?? ''}</p>`;
}
