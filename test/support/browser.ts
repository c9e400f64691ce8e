import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { recordPhone } from './phone-diagnostics.js';

/**
 * Debian's Chromium, driven by playwright-core. Never a browser downloaded by
 * npm: CI installs the `chromium` package. These flags keep Chromium from
 * reaching for Google's hosts, which this network refuses.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone-sized viewport: most of our users hold a 390 px wide phone. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A fresh phone-like context with Chinese locale and service workers allowed
 * (`block` plays a phone whose service worker is not there).
 */
export async function newPhoneContext(browser: Browser, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  // A failed test prints what this phone showed (test/support/e2e-failure-report.ts).
  recordPhone(context);
  return context;
}
