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

  /**
   * Picks the area on first use (or when adding one on 我的地区): taps each
   * name in turn, e.g. 浙江省 → 丽水市 → 遂昌县, then takes the last one as
   * it is when the picker still offers the level below.
   */
  async pickArea(names: string[]): Promise<void> {
    const picker = this.page.getByTestId('area-picker');
    for (const name of names) {
      const option = picker.getByTestId('area-option').filter({ hasText: new RegExp(`^${name}`) });
      await option.first().waitFor({ timeout: 30_000 });
      await option.first().click();
    }
    if (await picker.isVisible()) await picker.getByTestId('area-confirm').click();
    await picker.waitFor({ state: 'detached' });
  }

  /** Types into the search box of the guides list. */
  async search(query: string): Promise<void> {
    await this.page.getByTestId('search-input').fill(query);
  }

  searchResults(): Locator {
    return this.page.getByTestId('search-result');
  }

  async openSearchResult(name: string): Promise<void> {
    await this.searchResults().filter({ hasText: name }).first().click();
  }

  checklistItems(): Locator {
    return this.page.getByTestId('checklist-item');
  }

  /** Ticks the n-th material of the open guide's checklist (from 0). */
  async tickChecklistItem(index: number): Promise<void> {
    await this.checklistItems().nth(index).getByTestId('checklist-checkbox').check();
  }

  async toggleElderMode(): Promise<void> {
    await this.page.getByTestId('elder-mode-toggle').click();
  }

  /** True while 长辈模式 is on (the page root carries it). */
  async isElderMode(): Promise<boolean> {
    return (await this.page.evaluate(() => document.documentElement.dataset.elder)) === 'on';
  }

  /** 收藏 on the open guide; waits until it shows as saved. */
  async saveGuide(): Promise<void> {
    const button = this.page.getByTestId('save-guide-button');
    await button.click();
    await this.page.locator('[data-testid="save-guide-button"][aria-pressed="true"]').waitFor();
  }

  guideChangeNotice(): Locator {
    return this.page.getByTestId('guide-change-notice');
  }

  freshness(): Locator {
    return this.page.getByTestId('freshness');
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

  /**
   * Fills every required field still empty with plausible values; identifiers
   * get a valid one, since the form checks them (GB 32100 check character).
   */
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
        const fieldType = await input.getAttribute('data-field-type');
        await input.fill(
          fieldType === 'creditCode' ? '91331123MA2B00001Y'
            : fieldType === 'idNumber' ? '332527198805120029'
              : fieldType === 'phone' ? '13957800123'
                : type === 'date' ? '2026-12-01' : type === 'number' ? '1' : '遂昌县妙高街道北街12号',
        );
      }
    }
  }

  async submitApplication(): Promise<void> {
    await this.page.getByTestId('submit-application').click();
  }

  /** 申请回执, shown once an application is submitted. */
  receipt(): Locator {
    return this.page.getByTestId('receipt');
  }

  trackingCode(): Locator {
    return this.page.getByTestId('tracking-code');
  }

  /** The problem shown beside a field, in words. */
  fieldError(key: string): Locator {
    return this.page.locator(`#field-${key}-error`);
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
