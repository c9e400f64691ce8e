import type { Locator, Page } from 'playwright-core';

/**
 * Page object of the PWA: what a person does on it, in their words.
 * Selectors are the app's `data-testid`s, never layout or text.
 */
export class AppPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

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
    // Signed in once the header offers 退出登录.
    await this.page.getByTestId('sign-out-button').waitFor({ timeout: 15_000 });
  }

  /** A phone on first use: the app opened, 遂昌县 chosen, the service worker in control, the guides downloaded. */
  async openOnFreshPhone(): Promise<void> {
    await this.open();
    await this.pickArea(['浙江省', '丽水市', '遂昌县']);
    await this.waitForServiceWorkerControl();
    await this.guideItems().first().waitFor({ timeout: 30_000 });
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

  /** The line under the header while there is no network. */
  offlineBanner(): Locator {
    return this.page.getByTestId('offline-banner');
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
   * Fills the applicant (王秀英 of 遂昌, with a valid resident ID and mobile
   * unless told otherwise) and then every other required field.
   */
  async fillApplicantAndRequiredFields(applicant = { name: '王秀英', idNumber: '332527198805120029', phone: '13957800123' }): Promise<void> {
    await this.field('applicantName').fill(applicant.name);
    await this.field('idNumber').fill(applicant.idNumber);
    await this.field('phone').fill(applicant.phone);
    await this.fillRemainingRequiredFields();
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
          fieldType === 'creditCode'
            ? '91331123MA2B00001Y'
            : fieldType === 'idNumber'
              ? '332527198805120029'
              : fieldType === 'phone'
                ? '13957800123'
                : type === 'date'
                  ? '2026-12-01'
                  : fieldType === 'number'
                    ? '1'
                    : '遂昌县妙高街道北街12号',
        );
      }
    }
  }

  /** The slot of one guide material on the form (by the guide's material key). */
  materialSlot(key: string): Locator {
    return this.page.getByTestId(`material-slot-${key}`);
  }

  materialPages(key: string): Locator {
    return this.materialSlot(key).getByTestId('material-page');
  }

  /**
   * Attaches a photo to a material as 拍照 (camera) or 从相册选 (album) would,
   * and waits until it shows as one more page.
   */
  async attachPhoto(key: string, bytes: Uint8Array, via: 'camera' | 'file' = 'camera'): Promise<void> {
    const before = await this.materialPages(key).count();
    await this.page.getByTestId(`material-${key}-${via}`).setInputFiles({ name: 'IMG_20261126_0930.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(bytes) });
    await this.page.waitForFunction(
      ([slot, count]) => document.querySelectorAll(`[data-testid="${slot}"] [data-testid="material-page"]`).length > count,
      [`material-slot-${key}`, before] as const,
      { timeout: 60_000 },
    );
  }

  /** Attaches `bytes` to every required material that still has no page and is not waived. */
  async attachRequiredMaterials(bytes: Uint8Array): Promise<void> {
    const statuses = this.page.locator('[data-testid^="material-"][data-testid$="-status"]');
    for (let i = 0; i < (await statuses.count()); i += 1) {
      if ((await statuses.nth(i).textContent()) !== '还没有拍') continue;
      const key = (await statuses.nth(i).getAttribute('data-testid'))!.replace(/^material-/, '').replace(/-status$/, '');
      await this.attachPhoto(key, bytes);
    }
  }

  /** The problem shown beside a material slot (a refused photo). */
  materialError(key: string): Locator {
    return this.page.getByTestId(`material-${key}-error`);
  }

  /** Ticks 容缺（暂缺，承诺后补） for a waivable material. */
  async waiveMaterial(key: string): Promise<void> {
    await this.page.getByTestId(`material-${key}-waive`).check();
  }

  async openLocker(key: string): Promise<void> {
    await this.page.getByTestId(`material-${key}-locker`).click();
    await this.page.getByTestId('locker-picker').waitFor();
  }

  lockerItems(): Locator {
    return this.page.getByTestId('locker-picker').getByTestId('locker-item');
  }

  /** Picks the locker item with this hash (用这张) and waits for the picker to close. */
  async pickFromLocker(sha256: string): Promise<void> {
    await this.page.locator(`[data-testid="locker-item"][data-sha256="${sha256}"]`).getByTestId('locker-pick').click();
    await this.page.getByTestId('locker-picker').waitFor({ state: 'detached' });
  }

  commitmentDialog(): Locator {
    return this.page.getByTestId('commitment-dialog');
  }

  /** Writes a signature on the pad with the mouse (a finger on a phone) and confirms: this submits. */
  async signCommitment(): Promise<void> {
    await this.drawSignature();
    await this.page.getByTestId('signature-confirm').click();
  }

  /** Writes a signature on the pad without confirming it. */
  async drawSignature(): Promise<void> {
    const canvas = this.page.getByTestId('signature-canvas');
    await canvas.waitFor();
    // A long text above it (授权委托书) puts the pad below the fold: the mouse only draws where it can be seen.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const strokes = [
      [
        [0.15, 0.3],
        [0.25, 0.7],
        [0.35, 0.35],
        [0.45, 0.7],
        [0.55, 0.3],
      ],
      [
        [0.65, 0.35],
        [0.85, 0.35],
        [0.75, 0.35],
        [0.75, 0.75],
      ],
    ];
    for (const stroke of strokes) {
      await this.page.mouse.move(box.x + stroke[0][0] * box.width, box.y + stroke[0][1] * box.height);
      await this.page.mouse.down();
      for (const [x, y] of stroke.slice(1)) await this.page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
      await this.page.mouse.up();
    }
  }

  async submitApplication(): Promise<void> {
    await this.page.getByTestId('submit-application').click();
  }

  /** 申请回执, shown once an application is submitted. */
  receipt(): Locator {
    return this.page.getByTestId('receipt');
  }

  receiptQr(): Locator {
    return this.page.getByTestId('receipt-qr');
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

  /** What the phone's screen shows with `locator` scrolled to its top (one screenful, not the whole page). */
  async screenshotAt(locator: Locator, path: string): Promise<void> {
    await locator.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await this.page.screenshot({ path });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  // 我的材料柜 (the photo locker screen).

  /** Opens 我的材料柜 from 我的申请, as a person finds it, and waits until it has loaded. */
  async openMaterialLocker(): Promise<void> {
    await this.goToApplications();
    await this.page.getByTestId('locker-link').click();
    await this.page.locator('[data-testid="locker-entry"], [data-testid="locker-empty"]').first().waitFor({ timeout: 15_000 });
  }

  /** Every item of the locker screen (not the picker on the form). */
  lockerEntries(): Locator {
    return this.page.getByTestId('locker-entry');
  }

  lockerEntry(sha256: string): Locator {
    return this.page.locator(`[data-testid="locker-entry"][data-sha256="${sha256}"]`);
  }

  /** The applications an item is used in (applicant, service, state), each a link. */
  lockerUses(sha256: string): Locator {
    return this.lockerEntry(sha256).getByTestId('locker-use');
  }

  emptyLocker(): Locator {
    return this.page.getByTestId('locker-empty');
  }

  /** 材料柜里有 N 张，共约 … */
  lockerTotals(): Locator {
    return this.page.getByTestId('locker-totals');
  }

  /** 手机存储：已用 …，可用约 … */
  storageSummary(): Locator {
    return this.page.getByTestId('storage-meter');
  }

  /** Taps the thumbnail and waits for the larger photo to be drawn. */
  async viewLockerPhoto(sha256: string): Promise<void> {
    await this.lockerEntry(sha256).getByTestId('locker-thumb').click();
    await this.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="locker-viewer"] img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
  }

  async closeLockerPhoto(): Promise<void> {
    await this.page.getByTestId('locker-viewer-close').click();
    await this.page.getByTestId('locker-viewer').waitFor({ state: 'detached' });
  }

  /** Taps 删除这张照片 and waits for the question. */
  async askToDeleteLockerItem(sha256: string): Promise<void> {
    await this.lockerEntry(sha256).getByTestId('locker-delete').click();
    await this.page.getByTestId('locker-delete-dialog').waitFor();
  }

  /** Answers 删除 and waits until the item has left the list. */
  async confirmLockerDeletion(sha256: string): Promise<void> {
    await this.page.getByTestId('locker-delete-confirm').click();
    await this.lockerEntry(sha256).waitFor({ state: 'detached', timeout: 15_000 });
  }

  /** Shows only one applicant's items (or 全部 / 没用到的) on the locker screen. */
  async filterLocker(label: string): Promise<void> {
    await this.page
      .getByTestId('locker-filter')
      .filter({ hasText: new RegExp(`^${label} \\d+张$`) })
      .click();
  }

  /** What a draft in 我的申请 holds so far (申请人：未填姓名, 已拍 2 张照片, when saved), with its first photo. */
  draftContents(item: Locator): Locator {
    return item.getByTestId('draft-contents');
  }

  /** 继续填写并提交 on a draft in 我的申请; waits until its form shows. */
  async continueDraft(item: Locator): Promise<void> {
    await item.getByTestId('continue-draft').click();
    await this.field('applicantName').waitFor({ timeout: 15_000 });
  }

  // 清理已送达的照片 (the locker's clean-up of photos the county already holds).

  /** The clean-up card on the locker screen. */
  lockerCleanUp(): Locator {
    return this.page.getByTestId('locker-clean-up');
  }

  /** Taps 清理 N 张已送达的照片 and waits for the question. */
  async askToCleanUpLocker(): Promise<void> {
    await this.page.getByTestId('locker-clean-up-start').click();
    await this.page.getByTestId('locker-clean-up-question').waitFor();
  }

  /** Answers 删除 N 张 and waits until the outcome shows; returns its words. */
  async confirmLockerCleanUp(): Promise<string> {
    await this.page.getByTestId('locker-clean-up-confirm').click();
    const outcome = this.page.getByTestId('locker-clean-up-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    return (await outcome.textContent()) ?? '';
  }

  /** 好的 after a clean-up. */
  async closeLockerCleanUp(): Promise<void> {
    await this.page.getByTestId('locker-clean-up-close').click();
    await this.page.getByTestId('locker-clean-up-dialog').waitFor({ state: 'detached' });
  }

  /** The labels of the applicant filter (全部, 张伟 ·0029, …), without their counts. */
  async lockerFilterLabels(): Promise<string[]> {
    const texts = await this.page.getByTestId('locker-filter').allTextContents();
    return texts.map((t) => t.replace(/\s*\d+张$/, ''));
  }
}
