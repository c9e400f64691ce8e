import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPhoneContext } from '../support/browser.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';
import { AppPage } from './pages/app-page.js';

const DIST = path.resolve('dist');
const SHOTS = path.resolve('test-results/e2e');

/** One phone on one gateway: the built app, a real gateway on its embedded store, Debian's headless Chromium. */
export interface PhoneSession {
  gateway: TestGateway;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  app: AppPage;
  /** Where a screenshot of this name goes (looked at by people, not asserted). */
  shot(name: string): string;
  close(): Promise<void>;
}

export interface PhoneSessionOptions {
  /** Environment of the way upstream (see test/support/province-sim.ts `fastUpstream`); default: nothing forwarded. */
  upstreamEnv?: Record<string, string>;
}

/** Starts a seeded gateway serving `dist/` and opens a phone-sized page on it. */
export async function startPhoneSession(options: PhoneSessionOptions = {}): Promise<PhoneSession> {
  mkdirSync(SHOTS, { recursive: true });
  const gateway = await startTestGateway({ staticDir: DIST, seed: true, ...(options.upstreamEnv ? { upstreamEnv: options.upstreamEnv } : {}) });
  const browser = await launchChromium();
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  return {
    gateway,
    browser,
    context,
    page,
    app: new AppPage(page, gateway.url),
    shot: (name) => path.join(SHOTS, name),
    async close() {
      await browser.close();
      await gateway.close();
    },
  };
}

/** A {@link PhoneSession} signed in on a fresh phone ready for 遂昌, as a new account. */
export interface SignedInPhone extends PhoneSession {
  account: TestAccount;
}

/** Starts a phone session, creates an account of `role` and signs it in on a fresh phone (area picked, service worker in control). */
export async function startSignedInPhone(role: Parameters<TestGateway['createAccount']>[0], options: PhoneSessionOptions = {}): Promise<SignedInPhone> {
  const session = await startPhoneSession(options);
  const account = await session.gateway.createAccount(role);
  await session.app.openOnFreshPhone();
  await session.app.signIn(account.login, account.password);
  return { ...session, account };
}
