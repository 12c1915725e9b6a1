import type { Executor } from './tx.js';

/**
 * The next value of a `counters` row (RMA numbers, the chat's arrival order, article positions),
 * taken in the caller's transaction. The same statement on both engines; its row lock hands the
 * values out one at a time, in the order the transactions commit, across every instance.
 */
export async function nextCounterValue(executor: Executor, name: string): Promise<number> {
  const { value } = await executor
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return value;
}
