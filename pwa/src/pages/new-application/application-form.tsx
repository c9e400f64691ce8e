import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApplicationDoc, ApplicationMaterial, Authorisation, AuthorisationMethod, Commitment, GuideDoc, GuideFormField } from '../../../../sync-protocol/index.js';
import { AuthorisationDialog } from '../../components/authorisation-dialog/index.js';
import { CommitmentDialog } from '../../components/commitment-dialog/index.js';
import { FormField } from '../../components/form-field/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { requestPersistentStorage } from '../../lib/storage-space.js';
import { useStorageSpace } from '../../lib/use-storage-space.js';
import { checkField, checkForm, formFieldsFor, isBlankForm, valuesOf, type FormErrors } from '../../model/application-form.js';
import { commitmentText, missingMaterials, waivedMaterials } from '../../model/application-materials.js';
import { authorisationText } from '../../model/authorisation-text.js';
import { applicantValuesOf, householdTitle } from '../../model/household-applicant.js';
import { formatChinaDate } from '../../lib/china-time.js';
import { isPhotoError, processPhoto } from '../../media/index.js';
import { photoCount } from '../../model/application-summary.js';
import { isQuotaError, QUOTA_MESSAGE } from '../../model/storage-space.js';
import page from '../page.module.css';
import type { Filing } from './filing.js';
import { jumpToMaterial, MaterialsSection, MaterialsSummary, pageOf } from './materials-section.js';
import styles from './new-application.module.css';
import { useDraftSaver, type DraftContent } from './use-draft-saver.js';

/**
 * The application form generated from the guide, with its material slots;
 * saves as a draft on every change. Filed by a village agent (`filing`), it
 * starts from the member's profile, offers only that household's photos and
 * asks for the applicant's authorisation before it is submitted.
 */
export function ApplicationForm({ guide, draft, filing }: { guide: GuideDoc; draft: ApplicationDoc | null; filing?: Filing }) {
  const { data, actions, state } = useApp();
  const person = state.session.value?.user;
  const fields = useMemo(() => formFieldsFor(guide, { forAgent: Boolean(filing) }), [guide, filing]);
  const content = useRef<DraftContent>({ values: draft ? valuesOf(draft) : filing ? applicantValuesOf(filing.member) : {}, materials: draft?.materials ?? [] });
  const [values, setValues] = useState(content.current.values);
  const [materials, setMaterials] = useState<ApplicationMaterial[]>(content.current.materials);
  const [errors, setErrors] = useState<FormErrors>({});
  const [flagged, setFlagged] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  /** The authorisation is asked for, after the commitment (kept here) when there was one. */
  const [authorising, setAuthorising] = useState<{ commitment?: Commitment } | null>(null);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const saver = useDraftSaver(guide, draft, (error) => setSaveProblem(error ? saveProblemOf(error) : null), filing);
  const { space, refresh: refreshSpace } = useStorageSpace();

  // Filing starts: ask the browser to keep this app's data under storage pressure (asked once, answer remembered).
  useEffect(() => void requestPersistentStorage().then(refreshSpace), []);

  const setValue = (key: string, value: string) => {
    content.current = { ...content.current, values: { ...content.current.values, [key]: value } };
    setValues(content.current.values);
    saver.schedule(content.current);
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };
  // A photo attached is written at once: it must survive a reload right after it was taken.
  const changeMaterials = (change: (current: ApplicationMaterial[]) => ApplicationMaterial[]) => {
    content.current = { ...content.current, materials: change(content.current.materials) };
    setMaterials(content.current.materials);
    saver.schedule(content.current);
    // A failed write is shown by the saver's report (saveProblem); the pages stay on the form either way.
    void saver.flush().catch(() => undefined);
  };
  // On blur only what was typed is judged: an empty field is not scolded before submit.
  const checkOnBlur = (field: GuideFormField, value: string) => {
    const problem = value.trim() === '' ? null : checkField(field, value);
    setErrors(({ [field.key]: _, ...rest }) => (problem ? { ...rest, [field.key]: problem } : rest));
  };

  const missing = missingMaterials(guide.materials, materials);
  const flaggedNow = new Set(missing.filter((m) => flagged.has(m.key)).map((m) => m.key));
  const waived = waivedMaterials(guide.materials, materials);
  const needs = Object.keys(errors).length + missing.length;
  const photosTaken = photoCount({ materials });
  const commitment = commitmentText({ applicantName: (values.applicantName ?? '').trim(), guideName: guide.name, waived });
  const authorisation =
    filing && person
      ? authorisationText({
          applicantName: (values.applicantName ?? '').trim(),
          idNumber: values.idNumber,
          agentName: person.displayName,
          agentLogin: person.login,
          guideName: guide.name,
          date: formatChinaDate(new Date()),
        })
      : null;

  /** Writes the draft and answers its id; a failure is shown and the form keeps everything. */
  async function writeDraft(): Promise<string | null> {
    saver.schedule(content.current);
    try {
      const id = await saver.flush();
      if (!id) throw new Error('the draft was not saved');
      return id;
    } catch (error) {
      console.error('saving the application failed', error);
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : '没有保存成功，请检查填写的内容后再试一次。');
      return null;
    }
  }

  async function submit() {
    const problems = checkForm(fields, values);
    setErrors(problems);
    setFlagged(new Set(missing.map((m) => m.key)));
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    if (missing.length > 0) {
      jumpToMaterial(missing[0].key);
      return;
    }
    if (waived.length > 0) {
      setSigning(true);
      return;
    }
    await afterCommitment();
  }

  /** An agent's application needs the applicant's authorisation next; anyone else's goes. */
  async function afterCommitment(signed?: Commitment) {
    if (filing) {
      setSigning(false);
      setSaving(false);
      setAuthorising(signed ? { commitment: signed } : {});
      return;
    }
    await finish(signed);
  }

  async function finish(signed?: Commitment, authorised?: Authorisation) {
    setSaving(true);
    setFailure(null);
    const id = await writeDraft();
    if (!id) return setSaving(false);
    try {
      await actions.write(() => data.submitApplication(id, { ...(signed ? { commitment: signed } : {}), ...(authorised ? { authorisation: authorised } : {}) }));
      actions.navigate({ name: 'receipt', id });
    } catch (error) {
      console.error('submitting the application failed', error);
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : '没有提交成功，请再试一次。内容已存为草稿。');
      setSaving(false);
    }
  }

  async function sign(png: Blob) {
    setSaving(true);
    try {
      const item = await actions.write(() =>
        data.putMaterial({ blob: png, meta: { kind: 'signature', label: `承诺书签名（${guide.name}）`, ...(filing ? { householdId: filing.household.id } : {}) } }),
      );
      const signed = { waivedKeys: waived.map((m) => m.key), text: commitment, signature: pageOf(item), signedAt: new Date().toISOString() };
      if (filing) {
        await afterCommitment(signed);
        return;
      }
      await finish(signed);
    } catch (error) {
      console.error('keeping the signature failed', error);
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : '签名没有存上，请再签一次。');
      setSaving(false);
    }
  }

  /** Keeps the applicant's authorisation (signature or photo of the paper) and submits with it. */
  async function authorise(method: AuthorisationMethod, image: Blob) {
    if (!filing || !person || !authorisation || !authorising) return;
    setSaving(true);
    setFailure(null);
    try {
      const blob = method === 'signature' ? image : (await processPhoto(image)).image;
      const label = `授权委托书（${filing.member.name}，${guide.name}）`;
      const item = await actions.write(() => data.putMaterial({ blob, meta: { kind: method === 'signature' ? 'signature' : 'photo', label, householdId: filing.household.id } }));
      await finish(authorising.commitment, {
        method,
        text: authorisation,
        image: pageOf(item),
        agent: { userId: person.id, name: person.displayName },
        signedAt: new Date().toISOString(),
      });
    } catch (error) {
      console.error('keeping the authorisation failed', error);
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : isPhotoError(error) ? '这张照片没有用上，请再拍一次。' : '授权没有存上，请再签一次。');
      setSaving(false);
    }
  }

  /** Keeps what was entered, however little, and goes to 我的申请; a blank form has nothing to keep. */
  async function saveAndLeave() {
    if (isBlankForm(content.current.values, content.current.materials)) return actions.navigate({ name: 'applications' });
    setSaving(true);
    if (await writeDraft()) actions.navigate({ name: 'applications' });
    else setSaving(false);
  }

  const offline = state.connection.value === 'offline';
  const fieldProblems = Object.keys(errors).length;
  return (
    <form
      class={page.page}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1 class={page.heading}>
        {filing ? '代办' : '申请'}：{guide.name}
      </h1>
      {filing && person && (
        <div class={`${page.card} ${styles.filing}`} data-testid="filing-card">
          <p>
            <span class={styles.role}>申请人</span>
            {filing.member.name}（{householdTitle(filing.household)}，{filing.household.village.name}）
          </p>
          <p>
            <span class={styles.role}>代办人</span>
            {person.displayName}（您，账号 {person.login}）
          </p>
        </div>
      )}
      <p class={page.lead}>
        {offline ? '现在没有网络也可以填写和提交，内容先保存在手机上，有网后自动发送。' : '填好后点「提交」，内容会保存在手机上并自动发送。'}
        填写的内容会随时存为草稿。
      </p>
      {draft && photosTaken > 0 && (
        // A draft continued from 我的申请, often saved with only the ID card photographed: its photos are further down.
        <p class={styles.notice} data-testid="draft-photos-note">
          已经拍好的 {photosTaken} 张照片在下面<span class={styles.nowrap}>「申请材料」</span>里，不用重拍。
        </p>
      )}
      <MaterialsSummary guide={guide} materials={materials} compact />
      <div class={page.card}>
        {fields.map((field) => (
          <FormField
            key={field.key}
            field={field}
            value={values[field.key] ?? ''}
            error={errors[field.key]}
            onInput={(v) => setValue(field.key, v)}
            onBlur={(v) => checkOnBlur(field, v)}
          />
        ))}
      </div>
      <MaterialsSection
        guide={guide}
        materials={materials}
        onChange={changeMaterials}
        flagged={flaggedNow}
        space={space}
        onStored={refreshSpace}
        {...(filing ? { householdId: filing.household.id } : {})}
      />
      {fieldProblems > 0 && (
        <p class={page.error} role="alert">
          还有{fieldProblems}处没有填好，请看红色提示。
        </p>
      )}
      {flaggedNow.size > 0 && (
        <p class={page.error} role="alert" data-testid="missing-materials">
          还有{flaggedNow.size}份材料没有拍：
          {missing
            .filter((m) => flaggedNow.has(m.key))
            .map((m) => m.name)
            .join('、')}
        </p>
      )}
      {failure && (
        <p class={page.error} role="alert" data-testid="form-failure">
          {failure}
        </p>
      )}
      {saveProblem && !failure && (
        <p class={styles.saveProblem} role="alert" data-testid="draft-save-problem">
          {saveProblem}
        </p>
      )}
      <div class={styles.actions}>
        <button class={page.primary} type="submit" data-testid="submit-application" disabled={saving}>
          {saving ? '正在保存…' : needs > 0 ? `提交（还有${needs}项需要补充）` : filing ? '请申请人签字授权，然后提交' : waived.length > 0 ? '签承诺书并提交' : '提交'}
        </button>
        <button class={page.secondary} type="button" data-testid="save-draft" disabled={saving} onClick={() => void saveAndLeave()}>
          先存为草稿
        </button>
        <a class={styles.cancel} href={hrefOf({ name: 'guide', id: guide.id })}>
          返回办事指南
        </a>
      </div>
      {signing && <CommitmentDialog text={commitment} busy={saving} error={failure} onSigned={(png) => void sign(png)} onCancel={() => setSigning(false)} />}
      {authorising && authorisation && (
        <AuthorisationDialog
          text={authorisation}
          applicantName={(values.applicantName ?? '').trim()}
          busy={saving}
          error={failure}
          onGiven={(method, image) => void authorise(method, image)}
          onCancel={() => setAuthorising(null)}
        />
      )}
    </form>
  );
}

/** Why the draft was not written, in words: the typed text stays on the screen whatever happened. */
function saveProblemOf(error: unknown): string {
  if (isQuotaError(error)) return `草稿没有存上：${QUOTA_MESSAGE}填的内容还在这一页上，先不要离开。`;
  return '草稿没有存上。填的内容还在这一页上，先不要离开：请看有没有红色提示，改好后会自动再存。';
}
