/** Elements a keyboard user can Tab to, in order, looking through open shadow roots. */
export function tabbableElements(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode) => {
    for (const element of Array.from(node.children) as HTMLElement[]) {
      if (element.hidden || element.getAttribute('aria-hidden') === 'true' || element.inert) continue;
      if (isTabbable(element)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
      visit(element);
    }
  };
  visit(root);
  return found;
}

function isTabbable(element: HTMLElement): boolean {
  if (element.tabIndex < 0 || (element as HTMLButtonElement).disabled) return false;
  const focusable =
    element instanceof HTMLButtonElement ||
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLAnchorElement && element.hasAttribute('href')) ||
    element.hasAttribute('tabindex');
  return focusable && element.getClientRects().length > 0;
}

/** The element that has focus, looking through shadow roots. */
export function deepActiveElement(doc: Document | ShadowRoot = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
