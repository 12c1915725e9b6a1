import type { Page } from 'playwright-core';

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
