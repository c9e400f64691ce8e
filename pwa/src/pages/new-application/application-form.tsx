import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApplicationDoc, ApplicationMaterial, Commitment, GuideDoc, GuideFormField } from '../../../../sync-protocol/index.js';
import { CommitmentDialog } from '../../components/commitment-dialog/index.js';
import { FormField } from '../../components/form-field/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { requestPersistentStorage } from '../../lib/storage-space.js';
import { useStorageSpace } from '../../lib/use-storage-space.js';
import { checkField, checkForm, formFieldsFor, isBlankForm, valuesOf, type FormErrors } from '../../model/application-form.js';
import { commitmentText, missingMaterials, waivedMaterials } from '../../model/application-materials.js';
import { photoCount } from '../../model/application-summary.js';
import { isQuotaError, QUOTA_MESSAGE } from '../../model/storage-space.js';
import page from '../page.module.css';
import { jumpToMaterial, MaterialsSection, MaterialsSummary, pageOf } from './materials-section.js';
import styles from './new-application.module.css';
import { useDraftSaver, type DraftContent } from './use-draft-saver.js';

/** The application form generated from the guide, with its material slots; saves as a draft on every change. */
export function ApplicationForm({ guide, draft }: { guide: GuideDoc; draft: ApplicationDoc | null }) {
  const { data, actions, state } = useApp();
  const fields = useMemo(() => formFieldsFor(guide), [guide]);
  const content = useRef<DraftContent>({ values: draft ? valuesOf(draft) : {}, materials: draft?.materials ?? [] });
  const [values, setValues] = useState(content.current.values);
  const [materials, setMaterials] = useState<ApplicationMaterial[]>(content.current.materials);
  const [errors, setErrors] = useState<FormErrors>({});
  const [flagged, setFlagged] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const saver = useDraftSaver(guide, draft, (error) => setSaveProblem(error ? saveProblemOf(error) : null));
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
    await finish();
  }

  async function finish(signed?: Commitment) {
    setSaving(true);
    setFailure(null);
    const id = await writeDraft();
    if (!id) return setSaving(false);
    try {
      await actions.write(() => data.submitApplication(id, signed ? { commitment: signed } : {}));
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
      const item = await actions.write(() => data.putMaterial({ blob: png, meta: { kind: 'signature', label: `承诺书签名（${guide.name}）` } }));
      await finish({ waivedKeys: waived.map((m) => m.key), text: commitment, signature: pageOf(item), signedAt: new Date().toISOString() });
    } catch (error) {
      console.error('keeping the signature failed', error);
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : '签名没有存上，请再签一次。');
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
      <h1 class={page.heading}>申请：{guide.name}</h1>
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
      <MaterialsSection guide={guide} materials={materials} onChange={changeMaterials} flagged={flaggedNow} space={space} onStored={refreshSpace} />
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
          {saving ? '正在保存…' : needs > 0 ? `提交（还有${needs}项需要补充）` : waived.length > 0 ? '签承诺书并提交' : '提交'}
        </button>
        <button class={page.secondary} type="button" data-testid="save-draft" disabled={saving} onClick={() => void saveAndLeave()}>
          先存为草稿
        </button>
        <a class={styles.cancel} href={hrefOf({ name: 'guide', id: guide.id })}>
          返回办事指南
        </a>
      </div>
      {signing && <CommitmentDialog text={commitment} busy={saving} error={failure} onSigned={(png) => void sign(png)} onCancel={() => setSigning(false)} />}
    </form>
  );
}

/** Why the draft was not written, in words: the typed text stays on the screen whatever happened. */
function saveProblemOf(error: unknown): string {
  if (isQuotaError(error)) return `草稿没有存上：${QUOTA_MESSAGE}填的内容还在这一页上，先不要离开。`;
  return '草稿没有存上。填的内容还在这一页上，先不要离开：请看有没有红色提示，改好后会自动再存。';
}
