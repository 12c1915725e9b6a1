/**
 * Registers a custom element unless that name is taken already, so that a page which loads Kefu
 * twice (the script tag and an npm bundle, say) keeps working instead of throwing.
 */
export function defineElement(tagName: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tagName)) customElements.define(tagName, constructor);
}
