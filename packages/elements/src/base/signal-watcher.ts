import { effect } from '@preact/signals-core';
import type { ReactiveElement } from 'lit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern needs a constructor of any arguments
type Constructor<T> = abstract new (...args: any[]) => T;

/**
 * Re-renders an element whenever a signal it read during its last update changes, and stops
 * listening while it is disconnected. The same idea as Lit's labs/preact-signals SignalWatcher:
 * each update runs inside an effect, so exactly the signals that update read are tracked.
 */
export function SignalWatcher<T extends Constructor<ReactiveElement>>(Base: T): T {
  abstract class SignalWatcherElement extends Base {
    #disposeEffect: (() => void) | undefined;

    protected override performUpdate(): void {
      if (!this.isUpdatePending) return;
      this.#disposeEffect?.();
      let isFirstRun = true;
      this.#disposeEffect = effect(() => {
        if (isFirstRun) {
          isFirstRun = false;
          super.performUpdate();
        } else {
          // A signal read during the update changed: schedule a new update, which tracks afresh.
          this.requestUpdate();
        }
      });
    }

    override connectedCallback(): void {
      super.connectedCallback();
      // Re-subscribe after a move in the DOM: the next update re-creates the effect.
      this.requestUpdate();
    }

    override disconnectedCallback(): void {
      super.disconnectedCallback();
      this.#disposeEffect?.();
      this.#disposeEffect = undefined;
    }
  }
  // It adds no public API, so the base's type describes the result; it also keeps the emitted
  // declarations free of the anonymous class's protected members.
  return SignalWatcherElement;
}
