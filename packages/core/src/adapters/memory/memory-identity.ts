/**
 * Identity tokens stand for the host's signed-in shopper. A real server verifies a signed JWT; the
 * in-browser demo cannot keep a secret, so it accepts `identity:<customerId>`. Demo only: anyone
 * can write such a token, which is harmless here because the data never leaves the browser.
 */
export const IDENTITY_PREFIX = 'identity:';

/** The customer an identity token names, or undefined for any other token. */
export function customerIdOf(token: string | undefined): string | undefined {
  if (!token?.startsWith(IDENTITY_PREFIX)) return undefined;
  const customerId = token.slice(IDENTITY_PREFIX.length).trim();
  return customerId === '' ? undefined : customerId;
}
