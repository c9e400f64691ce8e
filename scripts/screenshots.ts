/**
 * Screenshots of every screen of the built app, as people see them on a
 * 390 × 844 phone (device scale 2): online and offline, normal and 长辈模式.
 * For looking at, not asserting: run it before and after a change to the
 * pages and compare the PNGs.
 *
 * ```sh
 * npm run build && npm run screenshots -- /tmp/shots      # default: test-results/screenshots
 * ```
 *
 * It starts a seeded test gateway on its embedded store and the provincial
 * platform simulator (schedule off), signs a village agent in, files seven
 * applications that stand in every state (草稿 … 已办结) — four straight to the
 * gateway over HTTP as another phone would, the others on the phone itself —
 * moves their cases at the simulator, then visits each screen.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { makeSidewaysPhoneJpeg } from '../test/browser/support/photo-fixtures.js';
import { AppPage } from '../test/e2e/pages/app-page.js';
import { launchChromium, newPhoneContext } from '../test/support/browser.js';
import { pageOf } from '../test/support/filing.js';
import { seededBytes, uploadMaterial } from '../test/support/material-transfer.js';
import { fastUpstream, startTestProvince, type TestProvince } from '../test/support/province-sim.js';
import { newDocumentId, sampleApplication, type SampleDoc } from '../test/support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../test/support/start-test-gateway.js';
import { createSyncHttpClient } from '../test/support/sync-http-client.js';

const OUT = path.resolve(process.argv[2] ?? 'test-results/screenshots');
const DIST = path.resolve('dist');
const LONG_GUIDE = '公共场所卫生许可（新办）';
const UPLOADS = '**/v1/materials/uploads**';
const APPLICATION_PUSH = '**/v1/sync/applications/push**';

type Variant = { elder: boolean; offline: boolean };

interface Filed {
  draft: string;
  sending: string;
  atGateway: string;
  accepted: string;
  supplement: string;
  completed: string;
  pending?: string;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const province = await startTestProvince();
  const gateway = await startTestGateway({ staticDir: DIST, seed: true, upstreamEnv: fastUpstream(province) });
  const browser = await launchChromium();
  try {
    const agent = await gateway.createAccount('applicant', '李四');

    // A phone that has never signed in: the first area question and the sign-in screen.
    const fresh = await newPhoneContext(browser);
    await shootFirstUse(fresh);
    await fresh.close();

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const app = new AppPage(page, gateway.url);
    await app.openOnFreshPhone();
    await app.signIn(agent.login, agent.password);

    const token = await gateway.signIn(agent.login, agent.password);
    const filed = await fileThroughGateway(gateway, province, token);
    await app.goToApplications();
    await waitForStates(page, ['draft', 'sending', 'accepted', 'supplement_required', 'completed', 'at-gateway']);
    filed.pending = await fileOnPhoneHeld(app, context);

    for (const elder of [false, true]) {
      if ((await app.isElderMode()) !== elder) await app.toggleElderMode();
      for (const offline of [false, true]) {
        await context.setOffline(offline);
        // A reload with the connection gone: the service worker serves the app.
        await page.reload();
        await shootSignedIn(app, filed, { elder, offline });
      }
      await context.setOffline(false);
    }
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await gateway.close();
    await province.close();
  }

  async function shootFirstUse(context: BrowserContext): Promise<void> {
    const page = await context.newPage();
    const app = new AppPage(page, gateway.url);
    await app.open();
    await page.getByTestId('area-option').first().waitFor({ timeout: 30_000 });
    await app.waitForServiceWorkerControl();
    for (const elder of [false, true]) {
      if ((await app.isElderMode()) !== elder) await app.toggleElderMode();
      for (const offline of [false, true]) {
        const variant = { elder, offline };
        await context.setOffline(offline);
        await page.goto(`${gateway.url}/#/guides`);
        await page.getByTestId('area-option').first().waitFor({ timeout: 30_000 });
        await shoot(page, 'area-first-use', variant);
        await page.getByTestId('area-option').filter({ hasText: '浙江省' }).click();
        await page.getByTestId('area-option').filter({ hasText: '丽水市' }).click();
        await shoot(page, 'area-first-use-county', variant);
        await page.goto(`${gateway.url}/#/sign-in`);
        await page.getByTestId('login-input').waitFor();
        await shoot(page, 'sign-in', variant);
        await page.getByTestId('sign-in-button').click();
        await shoot(page, 'sign-in-empty-error', variant);
        if (!offline) {
          await page.getByTestId('login-input').fill('13800000000');
          await page.getByTestId('password-input').fill('wrong-password');
          await page.getByTestId('sign-in-button').click();
          await page.getByTestId('sign-in-error').waitFor();
          await page.waitForFunction(() => !document.querySelector('[data-testid="sign-in-button"]')?.hasAttribute('disabled'));
        } else {
          await page.getByTestId('login-input').fill('13800000000');
          await page.getByTestId('password-input').fill('secret123');
          await page.getByTestId('sign-in-button').click();
          await page.waitForFunction(() => !document.querySelector('[data-testid="sign-in-button"]')?.hasAttribute('disabled'));
        }
        await shoot(page, 'sign-in-failed', variant);
      }
    }
    await context.setOffline(false);
  }

  async function shootSignedIn(app: AppPage, filed: Filed, variant: Variant): Promise<void> {
    const { page } = app;
    const go = async (hash: string, ready: string) => {
      await page.goto(`${gateway.url}/${hash}`);
      await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
      // Let lazily loaded parts (the guide's saved state, the storage meter) settle.
      await page.waitForTimeout(300);
    };
    await go('#/guides', 'guide-item');
    await shoot(page, 'guides', variant, false);
    await shoot(page, 'guides-full', variant);
    await app.search('营业执照');
    await app.searchResults().first().waitFor();
    await shoot(page, 'guides-search', variant, false);
    await app.search('xyzxyz');
    await page.getByTestId('search-empty').waitFor();
    await shoot(page, 'guides-search-empty', variant, false);
    await app.search('');

    await go('#/areas', 'chosen-area');
    await shoot(page, 'areas', variant);
    await page.getByTestId('area-add').click();
    await shoot(page, 'areas-adding', variant);
    await page.getByTestId('area-remove').first().click();
    await shoot(page, 'areas-remove-confirm', variant);

    await go('#/guides', 'guide-item');
    await app.openGuide(LONG_GUIDE);
    await page.getByTestId('section-materials').waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'guide-detail', variant, false);
    await shoot(page, 'guide-detail-full', variant);
    await page.getByTestId('sample-button').first().click();
    await page.waitForTimeout(500);
    await app.screenshotAt(page.getByTestId('section-materials'), path.join(OUT, name('guide-detail-sample', variant)));

    await go('#/applications', 'application-item');
    await shoot(page, 'applications', variant, false);
    await shoot(page, 'applications-full', variant);

    await go(`#/applications/${filed.accepted}`, 'timeline');
    await shoot(page, 'progress-accepted', variant);
    await go(`#/applications/${filed.supplement}`, 'supplement-form');
    await shoot(page, 'progress-supplement', variant);
    await go(`#/applications/${filed.completed}`, 'rating-form');
    await shoot(page, 'progress-completed-rating', variant);
    await page.getByTestId('score-4').click();
    await shoot(page, 'progress-completed-rating-4', variant);
    await go(`#/applications/${filed.atGateway}`, 'timeline');
    await shoot(page, 'progress-at-gateway', variant);
    await go(`#/applications/${filed.sending}`, 'timeline');
    await shoot(page, 'progress-sending', variant);
    await go(`#/applications/${filed.draft}`, 'application-detail');
    await shoot(page, 'progress-draft', variant);
    if (filed.pending) {
      await go(`#/applications/${filed.pending}`, 'timeline');
      await shoot(page, 'progress-pending', variant);
      await go(`#/applications/${filed.pending}/receipt`, 'receipt-qr');
      await shoot(page, 'receipt', variant, false);
      await shoot(page, 'receipt-full', variant);
    }
    await go('#/guides', 'guide-item');
    await page.getByTestId('sign-out-button').click();
    await page.getByTestId('sign-out-dialog').waitFor();
    await shoot(page, 'sign-out-question', variant, false);
    await page.getByTestId('cancel-sign-out').click();

    // The form (another engineer's page): looked at, not filled, so no draft is left behind.
    await go('#/guides', 'guide-item');
    await app.openGuide(LONG_GUIDE);
    await app.startApplication();
    await page.getByTestId('field-applicantName').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await shoot(page, 'new-application', variant, false);
    await shoot(page, 'new-application-full', variant);
  }

  async function shoot(page: Page, screen: string, variant: Variant, fullPage = true): Promise<void> {
    await page.screenshot({ path: path.join(OUT, name(screen, variant)), fullPage });
  }
}

function name(screen: string, { elder, offline }: Variant): string {
  return `${screen}--${elder ? 'elder' : 'normal'}-${offline ? 'offline' : 'online'}.png`;
}

/**
 * Applications filed straight at the gateway, as another phone of the same
 * agent would: their statuses then reach this phone like any other.
 */
async function fileThroughGateway(gateway: TestGateway, province: TestProvince, token: string): Promise<Filed> {
  const client = createSyncHttpClient(gateway.url, token);
  const push = async (app: SampleDoc) => {
    const answer = (await client.push('applications', [{ newDocumentState: app as never }])).body;
    if (answer.errors.length + answer.conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(answer)}`);
  };
  const submitted = async (seed: number, guide: [string, string], applicant: string, upload = true): Promise<string> => {
    const photo = seededBytes(30_000 + seed, seed);
    if (upload) await uploadMaterial(gateway.url, token, photo);
    const id = newDocumentId();
    await push(
      sampleApplication(id, {
        guideId: guide[0],
        guideName: guide[1],
        applicant: { name: applicant, phone: '13957800123' },
        lifecycle: 'submitted',
        submittedAt: new Date(Date.now() - (10 - seed) * 3_600_000).toISOString(),
        materials: [{ key: 'id-card', name: '居民身份证', pages: [pageOf(photo)] }],
      }),
    );
    return id;
  };
  const forwarded = async (id: string) => {
    for (let i = 0; i < 300 && !(await province.caseOf(id)); i += 1) await new Promise((r) => setTimeout(r, 100));
  };

  const draft = newDocumentId();
  await push(
    sampleApplication(draft, {
      guideId: 'guide-331123-gaoling-jintie',
      guideName: '高龄津贴申领',
      applicant: { name: '张桂花', phone: '13957800124' },
    }),
  );
  const accepted = await submitted(1, ['guide-331123-jumin-yibao-canbao', '城乡居民基本医疗保险参保登记'], '王秀英');
  const supplement = await submitted(2, ['guide-331123-getihu-sheli', '个体工商户设立登记'], '周建国');
  const completed = await submitted(3, ['guide-331123-shenfenzheng-huanling', '居民身份证换领、补领'], '吴小梅');
  for (const id of [accepted, supplement, completed]) await forwarded(id);
  await province.advance(accepted, { to: 'accepted' });
  await province.advance(supplement, { to: 'accepted' });
  await province.advance(supplement, { to: 'supplement_required', materials: [{ key: 'id-card', reason: '照片反光，身份证号码看不清，请在光线均匀处重拍' }] });
  await province.advance(completed, { to: 'accepted' });
  await province.advance(completed, { to: 'completed', message: '新身份证已制好，请到县公安局户籍窗口领取' });
  // A photo never uploaded keeps this one 发送中.
  const sending = await submitted(4, ['guide-331123-gengdi-dili-butie', '耕地地力保护补贴'], '陈阿大', false);
  // The province down: this one stays at the gateway.
  await new Promise((r) => setTimeout(r, 2_000));
  await province.setMode({ mode: 'down' });
  const atGateway = await submitted(5, ['guide-331123-dibao-shenhe', '最低生活保障审核确认'], '刘根生');
  return { draft, sending, atGateway, accepted, supplement, completed };
}

/** Files one application on the phone while its push is held: it stays 待发送 (and its receipt shows the QR). */
async function fileOnPhoneHeld(app: AppPage, context: BrowserContext): Promise<string> {
  const held: Route[] = [];
  await context.route(APPLICATION_PUSH, (route) => void held.push(route));
  await context.route(UPLOADS, (route) => void held.push(route));
  await app.goToGuides();
  await app.openGuide('个体工商户设立登记');
  await app.startApplication();
  await app.fillApplicantAndRequiredFields({ name: '郑美兰', idNumber: '332527198805120029', phone: '13957800125' });
  await app.attachRequiredMaterials(makeSidewaysPhoneJpeg(640, 480));
  await app.submitApplication();
  await app
    .commitmentDialog()
    .waitFor({ timeout: 5_000 })
    .then(
      () => app.signCommitment(),
      () => undefined,
    );
  await app.receipt().waitFor({ timeout: 15_000 });
  const id = /applications\/([^/]+)\/receipt/.exec(decodeURIComponent(app.page.url()))?.[1];
  if (!id) throw new Error(`no application id in ${app.page.url()}`);
  return id;
}

async function waitForStates(page: Page, states: string[]): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const shown = await page.getByTestId('sync-state').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    if (states.every((s) => shown.includes(s))) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`states not all shown: wanted ${states.join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
