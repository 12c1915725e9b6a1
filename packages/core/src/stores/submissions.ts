import { computed, type ReadonlySignal } from '@preact/signals-core';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxItem, OutboxKind } from '../outbox/outbox-item.js';

/** The outbox items of one kind, for a feature's "waiting to send / sent / failed" list. */
export function submissionsOf<K extends OutboxKind>(outbox: Outbox, kind: K): ReadonlySignal<readonly OutboxItem<K>[]> {
  return computed(() => outbox.items.value.filter((item): item is OutboxItem<K> => item.kind === kind));
}
