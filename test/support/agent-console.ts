import type { Page } from 'playwright-core';
import type { OrderAccess, OrderItem } from '@kefu/core';
import { createDemoOrders, type SeedOrder } from '@kefu/core/seed';

/**
 * Signs an agent in to the console at `consoleUrl` as a person does (name, password, "Sign in")
 * and waits until the console shows them online. `online` is how many agents the caller knows
 * are signed in, counting this one; without it, any number will do (another test's console may
 * still be open).
 */
export async function signInAgent(
  page: Page,
  consoleUrl: string,
  password: string,
  { name = 'Mei', online }: { name?: string; online?: number } = {},
): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByText(online === undefined ? new RegExp(`${name} · \\d+ online`) : `${name} · ${online} online`)
    .waitFor();
}

/**
 * A shopper's calls to the contract as the widget makes them (an Idempotency-Key on each), against
 * the reference server at `origin`; fails the test on any answer but 2xx.
 */
export function shopperApi(origin: string) {
  return async function v1<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const response = await fetch(`${origin}/v1${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const body = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
}

/**
 * A demo order's line that can be returned now on the server at `origin`, found as the shopper
 * finds it (an order lookup), with the access the lookup gave. Tests that return something each
 * call this, so whichever runs first, or alone, each gets a line no other test has returned.
 */
export async function returnableLine(
  origin: string,
  { withVariant = false, now = Date.now() }: { withVariant?: boolean; now?: number } = {},
): Promise<{ seed: SeedOrder; item: OrderItem; access: OrderAccess }> {
  const v1 = shopperApi(origin);
  for (const seed of createDemoOrders(new Date(now))) {
    const returnableInSeed = seed.order.items.some((line) => line.returnableQuantity > 0);
    if (!returnableInSeed) continue;
    const access = await v1<OrderAccess>('POST', '/orders/lookup', {
      body: { orderNumber: seed.order.number, email: seed.email },
    });
    const item = access.order.items.find(
      (line) =>
        !line.finalSale &&
        line.returnableQuantity >= 1 &&
        line.returnDeadline !== undefined &&
        Date.parse(line.returnDeadline) > now &&
        (!withVariant || line.variant !== undefined),
    );
    if (item) return { seed, item, access };
  }
  throw new Error('No demo order has a line left to return.');
}
