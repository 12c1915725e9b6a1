import { html, type TemplateResult } from 'lit';

// Stands for the value while the catalogue writes its sentence; nothing a catalogue writes has it.
const PLACE = '\u0000';

/**
 * A sentence of a catalogue with an order or return number (or a store's name) set in it, the
 * value in a `<bdi class="unbroken">`: isolated, so "MM-1003" keeps its own direction inside Arabic
 * text, and (with the shared `.unbroken` rule, `white-space: nowrap`) never broken across lines as
 * "MM-" / "1003". The text itself is untouched: it reads, copies and finds as the plain sentence.
 */
export function withNumber(sentence: (value: string) => string, value: string): TemplateResult {
  const [before = '', after = ''] = sentence(PLACE).split(PLACE);
  return html`${before}<bdi class="unbroken">${value}</bdi>${after}`;
}
