import type { Locator, Page } from 'playwright-core';

/**
 * Page object of the PWA: what a person does on it, in their words.
 * Selectors are the app's `data-testid`s, never layout or text.
 */
export class AppPage {
  constructor(readonly page: Page, private readonly baseUrl: string) {}

  async open(): Promise<void> {
    await this.page.goto(this.baseUrl);
  }

  /** Waits until a service worker controls the page, so offline reloads are served by it. */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await this.page.reload();
      await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    }
  }

  /** Guides are public; private screens such as 我的申请 ask for the sign-in first. */
  async signIn(login: string, password: string): Promise<void> {
    // After a sign-out the sign-in screen is already showing (it has no tab bar).
    if (!(await this.page.getByTestId('login-input').isVisible())) await this.page.getByTestId('nav-applications').click();
    await this.page.getByTestId('login-input').fill(login);
    await this.page.getByTestId('password-input').fill(password);
    await this.page.getByTestId('sign-in-button').click();
  }

  /** Taps 退出登录 and waits for the question (with its warning) to show. */
  async askToSignOut(): Promise<void> {
    await this.page.getByTestId('sign-out-button').click();
    await this.page.getByTestId('sign-out-dialog').waitFor();
  }

  /** What the sign-out question says, e.g. how many applications have not been sent. */
  signOutWarning(): Locator {
    return this.page.getByTestId('sign-out-warning');
  }

  /** Answers 确定退出 and waits for the sign-in screen. */
  async confirmSignOut(): Promise<void> {
    await this.page.getByTestId('confirm-sign-out').click();
    await this.page.getByTestId('login-input').waitFor();
  }

  async signOut(): Promise<void> {
    await this.askToSignOut();
    await this.confirmSignOut();
  }

  async goToGuides(): Promise<void> {
    await this.page.getByTestId('nav-guides').click();
  }

  async goToApplications(): Promise<void> {
    await this.page.getByTestId('nav-applications').click();
  }

  connectionState(): Locator {
    return this.page.getByTestId('connection-state');
  }

  guideItems(): Locator {
    return this.page.getByTestId('guide-item');
  }

  async openGuide(name: string): Promise<void> {
    await this.guideItems().filter({ hasText: name }).first().click();
  }

  async startApplication(): Promise<void> {
    await this.page.getByTestId('apply-button').click();
  }

  field(key: string): Locator {
    return this.page.getByTestId(`field-${key}`);
  }

  /** Fills every required field still empty with plausible text. */
  async fillRemainingRequiredFields(): Promise<void> {
    const inputs = this.page.locator('[data-testid^="field-"][required]');
    for (let i = 0; i < (await inputs.count()); i += 1) {
      const input = inputs.nth(i);
      if ((await input.inputValue()) !== '') continue;
      const tag = await input.evaluate((el) => el.tagName.toLowerCase());
      if (tag === 'select') {
        await input.selectOption({ index: 1 });
      } else {
        const type = await input.getAttribute('type');
        await input.fill(type === 'date' ? '2026-12-01' : type === 'number' ? '1' : '遂昌县妙高街道北街12号');
      }
    }
  }

  async submitApplication(): Promise<void> {
    await this.page.getByTestId('submit-application').click();
  }

  applicationItems(): Locator {
    return this.page.getByTestId('application-item');
  }

  /** 我的申请 when it has finished loading and holds nothing. */
  noApplications(): Locator {
    return this.page.getByTestId('applications-empty');
  }

  syncStateOf(item: Locator): Locator {
    return item.getByTestId('sync-state');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
