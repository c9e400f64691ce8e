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
    await this.page.getByTestId('nav-applications').click();
    await this.page.getByTestId('login-input').fill(login);
    await this.page.getByTestId('password-input').fill(password);
    await this.page.getByTestId('sign-in-button').click();
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

  async submitApplication(): Promise<void> {
    await this.page.getByTestId('submit-application').click();
  }

  applicationItems(): Locator {
    return this.page.getByTestId('application-item');
  }

  syncStateOf(item: Locator): Locator {
    return item.getByTestId('sync-state');
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
