import { type Browser } from 'playwright-core';
/** Debian's Chromium through Playwright: test tools cannot download their own browser here. */
export declare function launchBrowser(): Promise<Browser>;
