import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host when a media query starts or stops matching. */
export class MediaQueryController implements ReactiveController {
  matches = false;
  #query: MediaQueryList | undefined;
  readonly #onChange = (event: MediaQueryListEvent) => {
    this.matches = event.matches;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly media: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#query = window.matchMedia(this.media);
    this.matches = this.#query.matches;
    this.#query.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#onChange);
  }
}
