import type { Page } from 'playwright-core';
import type { OrderAccess, OrderItem } from '@kefu/core';
import { createDemoOrders, type SeedOrder } from '@kefu/core/seed';
import { DEMO_AGENT_PASSWORD, DEMO_AGENTS } from '../../packages/server/src/agents/demo-agents.js';

/** An agent's account: e-mail and password to sign in with, and the name the console shows. */
export interface AgentAccount {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** The demo's agents (every demo server has them, decision 0023): Mei the admin, Lin an agent. */
export const demoAgent = (name: 'Mei' | 'Lin' = 'Mei'): AgentAccount => {
  const agent = DEMO_AGENTS.find((candidate) => candidate.name === name);
  if (!agent) throw new Error(`no demo agent ${name}`);
  return { email: agent.email, name: agent.name, password: DEMO_AGENT_PASSWORD };
};

/**
 * Signs an agent in to the console at `consoleUrl` as a person does (e-mail, password, "Sign in")
 * and waits until the console shows them online: the demo's admin, Mei, unless `account` says
 * otherwise. `online` is how many agents the caller knows are signed in, counting this one;
 * without it, any number will do (another test's console may still be open).
 */
export async function signInAgent(
  page: Page,
  consoleUrl: string,
  account: AgentAccount = demoAgent(),
  { online }: { online?: number } = {},
): Promise<void> {
  const { name } = account;
  await page.goto(consoleUrl);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByText(online === undefined ? new RegExp(`${name} · \\d+ online`) : `${name} · ${online} online`)
    .waitFor();
}

/**
 * Opens an invite link and sets the password as the invitee does, giving e-mail and name too when
 * the link is the first admin's; resolves once the console shows them signed in.
 */
export async function acceptInvite(page: Page, link: string, account: AgentAccount): Promise<void> {
  await page.goto(link);
  const form = page.locator('kefu-console-invite');
  await form.getByLabel('New password').waitFor();
  if (await form.getByLabel('E-mail').count()) {
    await form.getByLabel('E-mail').fill(account.email);
    await form.getByLabel('Your name').fill(account.name);
  }
  await form.getByLabel('New password').fill(account.password);
  await form.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.getByText(new RegExp(`${account.name} · \\d+ online`)).waitFor();
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
