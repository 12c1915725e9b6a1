import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../packages/server/src/server.js';
import { launchBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/storefront.js';
import { acceptInvite, demoAgent, returnableLine, shopperApi, signInAgent } from '../support/agent-console.js';

/**
 * Issue 22's "two agents with their own accounts" (decision 0023), in Chromium: Mei, the demo's
 * admin, invites Noor from the Agents screen; Noor sets a password through the link; both are
 * signed in at once and see who has which chat; Noor, an agent, approves a return and sees no
 * admin screens; Mei's audit log says Noor approved that return with that label. The server then
 * restarts on the same data folder, and both consoles are still signed in.
 */
describe('two agents with their own accounts (Chromium, reference server)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-e2e-agents-'));
  const options: ServerOptions = { port: 0, dataDir, demo: true, chatAlwaysOpen: true };
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A console in a browser of its own (its own cookies), at `origin` (the port changes on restart). */
  async function consoleWindow(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  }
  const noor = { email: 'noor@maple-and-moss.example', name: 'Noor', password: 'sandstone-lantern-7' };

  it('lets two agents work at once, and the audit log says who approved which return; a restart keeps both signed in', async () => {
    // Mei invites Noor from the Agents screen and copies the link.
    const mei = await consoleWindow();
    await signInAgent(mei, `${server.origin}/agent`, demoAgent('Mei'));
    await mei.getByRole('button', { name: 'Admin' }).click();
    await mei.getByRole('button', { name: 'Agents' }).click();
    const invite = mei.getByRole('form', { name: 'Invite an agent' });
    await invite.getByLabel('E-mail').fill(noor.email);
    await invite.getByLabel('Name').fill(noor.name);
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await mei.getByRole('textbox', { name: 'Invite link' }).inputValue();
    assert.match(link, new RegExp(`^${server.origin}/agent/invite#[\\w-]{40,}$`));
    await mei.locator('kefu-console-agents tr', { hasText: noor.email }).getByText('invited').waitFor();

    // Noor opens it in another browser, sets a password and is signed in; both are online.
    const noorPage = await consoleWindow();
    await acceptInvite(noorPage, link, noor);
    await noorPage.getByText('Noor · 2 online').waitFor();
    await mei.getByText('Mei · 2 online').waitFor();
    // Who they are, by name; Mei signed in from a second browser is still one of two.
    const meiAgain = await consoleWindow();
    await signInAgent(meiAgain, `${server.origin}/agent`, demoAgent('Mei'), { online: 2 });
    await mei.getByRole('button', { name: '2 online' }).click();
    const online = mei.getByRole('list', { name: 'Agents online' });
    assert.deepEqual(await online.locator('li > span:first-child').allInnerTexts(), ['Mei (you)', 'Noor']);
    await mei.screenshot({ path: screenshotPath('console-online-1280.png') });
    await mei.keyboard.press('Escape');
    await online.waitFor({ state: 'detached' });
    const focused = (button: ReturnType<Page['getByRole']>) =>
      button.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element);
    assert.ok(await focused(mei.getByRole('button', { name: '2 online' })), 'Escape gives focus back to its button');
    await meiAgain.context().close();
    // The admin screens sit under one "Admin" menu; on a phone the bar wraps, nothing is cut off.
    await mei.setViewportSize({ width: 375, height: 740 });
    await mei.getByRole('button', { name: 'Admin' }).click();
    await mei.screenshot({ path: screenshotPath('console-bar-375.png') });
    await mei.keyboard.press('Escape');
    await mei.setViewportSize({ width: 1280, height: 860 });
    // An agent, not an admin: no admin screens.
    for (const screen of ['Admin', 'Settings', 'Agents', 'Audit log'])
      assert.equal(await noorPage.getByRole('button', { name: screen }).count(), 0, screen);

    // A shopper's chat: Mei accepts it, and Noor sees it is Mei's.
    const v1 = shopperApi(server.origin);
    await v1('POST', '/conversations', {
      body: { name: 'Ana Garcia', email: 'ana.garcia@example.com', topic: 'Two agents at once' },
    });
    await mei.getByRole('button', { name: 'Live chat' }).click();
    const queued = mei.locator('kefu-console-queue li', { hasText: 'Two agents at once' });
    await queued.getByRole('button', { name: 'Accept' }).click();
    await mei.locator('kefu-console-queue li', { hasText: 'Two agents at once' }).getByText('you').waitFor();
    await noorPage.locator('kefu-console-queue li', { hasText: 'Two agents at once' }).getByText('Mei').waitFor();

    // Noor approves a return.
    const { seed, item, access } = await returnableLine(server.origin);
    const created = await v1<{ rma: string }>('POST', '/returns', {
      token: access.accessToken,
      body: {
        orderId: seed.order.id,
        items: [{ itemId: item.id, quantity: 1, reason: 'changed_mind', photoIds: [] }],
        resolution: 'refund',
      },
    });
    const { rma } = created;
    await noorPage.getByRole('button', { name: 'Returns' }).click();
    const row = noorPage.locator('kefu-console-returns tbody tr', { hasText: rma });
    await row.getByRole('button', { name: 'Approve…' }).click();
    const label = `https://labels.example/${rma}.pdf`;
    await row.getByRole('textbox', { name: 'Label link' }).fill(label);
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await row.getByText('approved', { exact: true }).waitFor();

    // Mei, an admin, reads in the audit log who approved which return, with which label.
    await mei.getByRole('button', { name: 'Admin' }).click();
    await mei.screenshot({ path: screenshotPath('console-admin-menu-1280.png') });
    await mei.getByRole('button', { name: 'Audit log' }).click();
    const entry = mei.locator('kefu-console-audit tbody tr', { hasText: rma });
    await entry.waitFor();
    assert.deepEqual((await entry.locator('td').allInnerTexts()).slice(1), [
      'Noor',
      'return.approved',
      `return ${rma}`,
      `Label ${label}`,
    ]);
    await mei.getByRole('combobox', { name: 'Agent' }).selectOption({ label: `Noor (${noor.email})` });
    await mei.locator('kefu-console-audit tbody tr', { hasText: 'chat.accepted' }).waitFor({ state: 'detached' });
    await mei.screenshot({ path: screenshotPath('console-audit-log-1280.png'), fullPage: true });

    // The server restarts on its data folder; both consoles are still signed in after a reload.
    await server.close();
    server = await startServer({ ...options, port: server.port });
    for (const [page, name] of [
      [mei, 'Mei'],
      [noorPage, 'Noor'],
    ] as const) {
      await page.reload();
      await page.getByText(new RegExp(`${name} · \\d+ online`)).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 0, `${name} is not asked to sign in`);
    }
    await mei.getByText('Mei · 2 online').waitFor();
    assert.deepEqual(errors, []);
  });
});
