/**
 * Screenshots of the application form only (the full set in screenshots.ts
 * takes ten minutes): 390 px phone, online and offline, normal and 长辈模式.
 * The form of a long guide is shown blank, then with one material
 * photographed, and after a submit attempt (the missing ones flagged).
 *
 * ```sh
 * npm run build && npx tsx scripts/screenshots-form.ts /tmp/shots-form [--offline-only]
 * ```
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeSidewaysPhoneJpeg } from '../test/browser/support/photo-fixtures.js';
import { AppPage } from '../test/e2e/pages/app-page.js';
import { launchChromium, newPhoneContext } from '../test/support/browser.js';
import { startTestGateway } from '../test/support/start-test-gateway.js';

const ARGS = process.argv.slice(2);
const OUT = path.resolve(ARGS.find((a) => !a.startsWith('--')) ?? 'test-results/screenshots-form');
/** `--offline-only`: half the time, for the variant that matters most in a village. */
const OFFLINES = ARGS.includes('--offline-only') ? [true] : [false, true];
const DIST = path.resolve('dist');
const LONG_GUIDE = '公共场所卫生许可（新办）';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const gateway = await startTestGateway({ staticDir: DIST, seed: true });
  const browser = await launchChromium();
  try {
    const agent = await gateway.createAccount('applicant', '李四');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const app = new AppPage(page, gateway.url);
    await app.openOnFreshPhone();
    await app.signIn(agent.login, agent.password);
    const photo = makeSidewaysPhoneJpeg(640, 480);

    for (const elder of [false, true]) {
      if ((await app.isElderMode()) !== elder) await app.toggleElderMode();
      for (const offline of OFFLINES) {
        const variant = `${elder ? 'elder' : 'normal'}-${offline ? 'offline' : 'online'}`;
        await context.setOffline(offline);
        await page.goto(`${gateway.url}/#/guides`);
        await page.getByTestId('guide-item').first().waitFor({ timeout: 30_000 });
        await app.openGuide(LONG_GUIDE);
        await app.startApplication();
        await page.getByTestId('field-applicantName').waitFor({ timeout: 30_000 });
        await page.waitForTimeout(300);
        await shoot(page, `form-blank--${variant}`, false);
        await shoot(page, `form-blank-full--${variant}`, true);
        const firstKey = (await page.locator('[data-testid^="material-slot-"]').first().getAttribute('data-testid'))!.replace('material-slot-', '');
        await app.attachPhoto(firstKey, photo);
        await app.attachPhoto(firstKey, photo, 'file').catch(() => undefined);
        await app.submitApplication();
        await page.waitForTimeout(500);
        await shoot(page, `form-flagged--${variant}`, false);
        await shoot(page, `form-flagged-full--${variant}`, true);
        // Leave no draft behind for the next variant: the form of a new application each time.
        await page.evaluate(() => window.scrollTo(0, 0));
      }
    }
    await context.setOffline(false);
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await gateway.close();
  }
}

async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
}

// Exits once done: a handle of the test gateway's embedded store keeps Node alive otherwise.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
