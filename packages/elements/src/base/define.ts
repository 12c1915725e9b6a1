/**
 * Registers a custom element unless that name is taken already, so that a page which loads Kefu
 * twice (the script tag and an npm bundle, say) keeps working instead of throwing.
 */
export function defineElement(
  tagName: string,
  constructor: CustomElementConstructor & { readonly observedAttributes?: readonly string[] },
): void {
  // Lit makes the accessors of `static properties` when it finalizes the class, which reading
  // observedAttributes does. The browser's customElements.define reads it; the DOM shim of a
  // server-side render does not, and @lit/react tells a property from an attribute by that accessor
  // on the prototype: without this, a server render wrote every property as an attribute.
  void constructor.observedAttributes;
  if (!customElements.get(tagName)) customElements.define(tagName, constructor);
}
