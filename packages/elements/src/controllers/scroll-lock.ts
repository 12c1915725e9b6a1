/**
 * Stops the page scrolling behind a full-screen panel (iOS ignores `overflow: hidden` on the body,
 * so the body is pinned with `position: fixed` at the current offset) and puts the page back at
 * exactly the same scroll position afterwards. Styles are set through the CSSOM, which a strict
 * `style-src` allows, and the host page's own inline values are restored.
 */
export class ScrollLock {
  #saved: { scrollX: number; scrollY: number; style: Record<string, string> } | undefined;

  get locked(): boolean {
    return this.#saved !== undefined;
  }

  lock(doc: Document = document): void {
    if (this.#saved) return;
    const body = doc.body;
    const view = doc.defaultView ?? window;
    const properties = ['position', 'top', 'left', 'right', 'width', 'overflow'] as const;
    this.#saved = {
      scrollX: view.scrollX,
      scrollY: view.scrollY,
      style: Object.fromEntries(properties.map((name) => [name, body.style.getPropertyValue(name)])),
    };
    body.style.setProperty('position', 'fixed');
    body.style.setProperty('top', `${-this.#saved.scrollY}px`);
    body.style.setProperty('left', `${-this.#saved.scrollX}px`);
    body.style.setProperty('right', '0');
    body.style.setProperty('width', '100%');
    body.style.setProperty('overflow', 'hidden');
  }

  unlock(doc: Document = document): void {
    const saved = this.#saved;
    if (!saved) return;
    this.#saved = undefined;
    for (const [name, value] of Object.entries(saved.style)) {
      if (value) doc.body.style.setProperty(name, value);
      else doc.body.style.removeProperty(name);
    }
    (doc.defaultView ?? window).scrollTo(saved.scrollX, saved.scrollY);
  }
}
