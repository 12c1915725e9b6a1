/**
 * The canonical form idempotency compares bodies in: the memory adapter and the reference server
 * must agree on what "the same body" is.
 */
/** JSON with object keys sorted, so `{a, b}` and `{b, a}` count as the same body. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(inner).sort()) sorted[name] = (inner as Record<string, unknown>)[name];
    return sorted;
  });
}
