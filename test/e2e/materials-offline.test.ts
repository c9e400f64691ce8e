import { createHash } from 'node:crypto';
import ExifReader from 'exifreader';
import jpeg from 'jpeg-js';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencedMaterials, type ApplicationDoc } from '../../sync-protocol/index.js';
import type { LockerItemDoc } from '../../pwa/src/db/locker-schema.js';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';
import type { AppPage } from './pages/app-page.js';
import { readLockerAttachment, readStoredDocs } from './support/phone-storage.js';

const MAX_BYTES = 400 * 1024;
const MAX_LONG_EDGE = 1600;
const GUIDE = '个体工商户设立登记';

/**
 * Materials end to end: photos taken offline on the application form, kept
 * within budget and without location in the phone's material locker,
 * through a reload, submitted offline, delivered when online; the locker
 * reused for a second application; 容缺 with a signed commitment.
 */
describe('application materials on the phone', () => {
  let gateway: TestGateway;
  let session: SignedInPhone;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };
  const bigPhoto = makeSidewaysPhoneJpeg(); // 4000×3000 with EXIF GPS, several MB
  const smallPhoto = makeSidewaysPhoneJpeg(640, 480);
  let idCardSha = '';
  const trackingCodes: string[] = [];

  beforeAll(async () => {
    session = await startSignedInPhone('applicant');
    ({ gateway, context, page, app, account } = session);
    // 长辈模式 throughout: the screens the screenshots show are the largest ones.
    await app.toggleElderMode();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const storedApplications = () => readStoredDocs<ApplicationDoc>(page, account.userId, 'applications');
  const lockerItems = () => readStoredDocs<LockerItemDoc>(page, account.userId, 'materials');
  async function gatewayApplications(): Promise<ApplicationDoc[]> {
    // Stored as { data, server }: the server's stamp (receivedAt, completeAt) sits beside the client's fields.
    const db = gateway.couch.use<{ data: ApplicationDoc; server: ApplicationDoc['server'] }>(gateway.userDbName(account.userId, 'applications'));
    const rows = (await db.list({ include_docs: true })).rows;
    return rows.filter((r) => !r.id.startsWith('_design/')).map((r) => ({ ...r.doc!.data, server: r.doc!.server }));
  }

  async function startFilling(name: string): Promise<void> {
    await app.goToGuides();
    await app.openGuide(GUIDE);
    await app.startApplication();
    await app.field('applicantName').fill(name);
    await app.field('idNumber').fill('332527198805120029');
    await app.field('phone').fill('13957800123');
    await app.fillRemainingRequiredFields();
  }

  it('should keep a big GPS photo within budget and without location, through reloads, and deliver the application when online', async () => {
    await context.setOffline(true);
    await startFilling('王秀英');
    // The first autosave gives the new draft its own address: a reload from now on reopens it.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/applications\/app-[0-9a-f]+\/edit$/);

    // Reload right after typing, before anything else: the draft comes back as typed.
    await app.field('businessScope').fill('小餐饮；日用百货销售');
    await expect.poll(async () => (await storedApplications())[0]?.form.businessScope, { timeout: 10_000 }).toBe('小餐饮；日用百货销售');
    await page.reload();
    await expect.poll(() => app.field('businessScope').inputValue(), { timeout: 15_000 }).toBe('小餐饮；日用百货销售');
    expect(await app.field('applicantName').inputValue()).toBe('王秀英');

    await app.attachPhoto('id-card', bigPhoto, 'camera');
    idCardSha = (await app.materialPages('id-card').first().getAttribute('data-sha256'))!;
    await app.screenshotAt(page.getByTestId('materials-section'), session.shot('materials-1a-form-slots.png'));
    await app.screenshotAt(app.materialSlot('id-card'), session.shot('materials-1b-slot-with-photo.png'));
    await app.screenshotAt(app.materialSlot('property-proof'), session.shot('materials-1c-waivable-slot.png'));
    expect(idCardSha).toMatch(/^[0-9a-f]{64}$/);

    // What the phone stored is within budget, upright and carries no EXIF at all.
    const stored = (await readLockerAttachment(page, account.userId, idCardSha))!;
    expect(stored).not.toBeNull();
    expect(createHash('sha256').update(stored).digest('hex')).toBe(idCardSha);
    expect(stored.length).toBeLessThanOrEqual(MAX_BYTES);
    expect(bigPhoto.length).toBeGreaterThan(stored.length * 4);
    const decoded = jpeg.decode(stored, { useTArray: true });
    expect(Math.max(decoded.width, decoded.height)).toBeLessThanOrEqual(MAX_LONG_EDGE);
    expect(decoded.height).toBeGreaterThan(decoded.width); // turned upright: the camera stored it sideways
    const tags = ExifReader.load(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.length) as ArrayBuffer) as Record<string, unknown>;
    expect(Object.keys(tags).filter((k) => k.startsWith('GPS'))).toEqual([]);
    expect(tags.Orientation).toBeUndefined();
    expect(ExifReader.load(bigPhoto.buffer as ArrayBuffer)).toHaveProperty('GPSLatitude');
    const [item] = (await lockerItems()).filter((i) => i.sha256 === idCardSha);
    expect(item).toMatchObject({ kind: 'photo', label: '居民身份证', materialKey: 'id-card', bytes: stored.length });

    // Reload mid-way: the page attached is still there.
    await page.reload();
    await expect.poll(() => app.materialPages('id-card').count(), { timeout: 15_000 }).toBe(1);
    expect(await app.field('businessScope').inputValue()).toBe('小餐饮；日用百货销售');

    // Submitting with a required material missing is refused beside it.
    await app.submitApplication();
    await page.getByTestId('missing-materials').waitFor();
    expect(await page.getByTestId('submit-application').textContent()).toMatch(/还有\d项需要补充/);
    await app.attachRequiredMaterials(smallPhoto);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    const code = (await app.trackingCode().textContent())!.trim();
    trackingCodes.push(code);
    expect(await app.receiptQr().locator('svg path').count()).toBe(1);
    await page.screenshot({ path: session.shot('materials-4-receipt.png') });
    expect(await page.getByTestId('receipt-materials').textContent()).toContain('居民身份证1页');

    await context.setOffline(false);
    await expect.poll(async () => (await gatewayApplications()).find((a) => a.trackingCode === code)?.lifecycle, { timeout: 60_000 }).toBe('submitted');
    const atGateway = (await gatewayApplications()).find((a) => a.trackingCode === code)!;
    expect(atGateway.materials?.find((m) => m.key === 'id-card')?.pages.map((p) => p.sha256)).toEqual([idCardSha]);
    expect(atGateway.applicant.name).toBe('王秀英');
  });

  it('should attach a photo from the locker to a second application and keep it once on the phone', async () => {
    const itemsBefore = (await lockerItems()).length;
    await context.setOffline(true);
    await startFilling('王秀英');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/applications\/app-[0-9a-f]+\/edit$/);
    const draftAddress = page.url();
    // The rewritten address does not get in the way of the next tap (ba152f8): the list opens, and the draft from it.
    await app.goToApplications();
    const draftItem = app.applicationItems().filter({ has: page.locator('[data-testid="sync-state"][data-state="draft"]') });
    await expect.poll(() => draftItem.count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: session.shot('materials-0-applications.png') });
    await draftItem.getByTestId('continue-draft').click();
    await expect.poll(() => app.field('applicantName').inputValue(), { timeout: 15_000 }).toBe('王秀英');
    expect(page.url()).toBe(draftAddress);
    await app.openLocker('id-card');
    // The photo taken for the same material is offered first.
    expect(await app.lockerItems().first().getAttribute('data-sha256')).toBe(idCardSha);
    await page.screenshot({ path: session.shot('materials-2-locker-picker.png') });
    await app.pickFromLocker(idCardSha);
    expect(await app.materialPages('id-card').first().getAttribute('data-sha256')).toBe(idCardSha);
    await app.attachRequiredMaterials(smallPhoto);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    const code = (await app.trackingCode().textContent())!.trim();
    trackingCodes.push(code);
    expect((await lockerItems()).length).toBe(itemsBefore);
    const apps = (await storedApplications()).filter((a) => a.lifecycle === 'submitted');
    expect(apps.filter((a) => a.materials?.some((m) => m.pages.some((p) => p.sha256 === idCardSha)))).toHaveLength(2);

    await context.setOffline(false);
    await expect
      .poll(async () => (await gatewayApplications()).find((a) => a.trackingCode === code)?.materials?.find((m) => m.key === 'id-card')?.pages[0]?.sha256, { timeout: 60_000 })
      .toBe(idCardSha);
  });

  it('should submit with a waivable material missing only after the commitment is signed', async () => {
    await context.setOffline(true);
    await startFilling('李建国');
    await app.waiveMaterial('property-proof');
    await app.attachRequiredMaterials(smallPhoto);
    expect(await page.getByTestId('submit-application').textContent()).toBe('签承诺书并提交');
    await app.submitApplication();
    await app.commitmentDialog().waitFor();
    const text = await page.getByTestId('commitment-text').textContent();
    expect(text).toContain('经营场所使用证明');
    // The guide says 「可先行受理，3个工作日内补交」 for this material.
    expect(text).toContain('3个工作日内');
    await app.drawSignature();
    await page.screenshot({ path: session.shot('materials-3-signature.png') });
    await app.screenshotAt(page.getByTestId('signature-canvas'), session.shot('materials-3b-signature-pad.png'));
    await page.getByTestId('signature-confirm').click();
    await app.receipt().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('receipt-commitment').textContent()).toContain('3个工作日内');
    await app.screenshotAt(page.getByTestId('receipt-materials'), session.shot('materials-5-receipt-commitment.png'));

    const code = (await app.trackingCode().textContent())!.trim();
    const submitted = (await storedApplications()).find((a) => a.trackingCode === code)!;
    expect(submitted.materials?.find((m) => m.key === 'property-proof')).toMatchObject({ waived: true, pages: [] });
    expect(submitted.commitment).toMatchObject({ waivedKeys: ['property-proof'], signature: { contentType: 'image/png' } });
    expect(submitted.commitment?.text).toContain('经营场所使用证明');
    const signature = (await readLockerAttachment(page, account.userId, submitted.commitment!.signature.sha256))!;
    expect(createHash('sha256').update(signature).digest('hex')).toBe(submitted.commitment!.signature.sha256);
    expect(signature.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await lockerItems()).find((i) => i.sha256 === submitted.commitment!.signature.sha256)?.kind).toBe('signature');

    await context.setOffline(false);
    await expect.poll(async () => (await gatewayApplications()).find((a) => a.trackingCode === code)?.commitment?.waivedKeys, { timeout: 60_000 }).toEqual(['property-proof']);
  });

  // The bytes reach the gateway through the device uploader (issue 5, merged from issue-5-device-transfer).
  it('should deliver the materials once to the gateway and have it stamp the applications complete', async () => {
    const materials = gateway.couch.use(gateway.dbNames.userMaterials(account.userId));
    await expect.poll(async () => (await materials.list()).rows.some((r) => r.id === idCardSha), { timeout: 120_000 }).toBe(true);
    // One blob for the id card, though two applications refer to it.
    expect((await materials.list()).rows.filter((r) => r.id === idCardSha)).toHaveLength(1);
    // The signature of the commitment is a material too.
    const signed = (await gatewayApplications()).find((a) => a.commitment);
    await expect.poll(async () => (await materials.list()).rows.some((r) => r.id === signed?.commitment?.signature.sha256), { timeout: 120_000 }).toBe(true);
    for (const code of [...trackingCodes, signed!.trackingCode!]) {
      await expect.poll(async () => (await gatewayApplications()).find((a) => a.trackingCode === code)?.server?.completeAt, { timeout: 120_000 }).toBeTruthy();
    }
    // Each photo once, however many applications and materials use it.
    const referenced = new Set((await gatewayApplications()).flatMap((a) => referencedMaterials(a)));
    expect(referenced.size).toBe(3); // the id card, the small document photo, the signature
    expect((await materials.list()).rows.map((r) => r.id).sort()).toEqual([...referenced].sort());
  });
});
