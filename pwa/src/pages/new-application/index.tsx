import { useMemo, useState } from 'preact/hooks';
import type { GuideDoc } from '../../../../sync-protocol/index.js';
import { FormField } from '../../components/form-field/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { checkField, checkForm, formFieldsFor, toApplicationParts, type FormErrors, type FormValues } from '../../model/application-form.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './new-application.module.css';

/** The application form generated from the guide; saves on the phone, sends when online. */
export function Page({ route }: PageProps<Extract<Route, { name: 'apply' }>>) {
  const { data } = useApp();
  const guide = useObservable(() => data.guide$(route.guideId), [data, route.guideId]);
  if (guide === undefined) return <p class={page.empty}>正在打开…</p>;
  if (guide === null) return <p class={page.empty}>手机上没有这项办事指南。</p>;
  return <ApplicationForm guide={guide} />;
}

function ApplicationForm({ guide }: { guide: GuideDoc }) {
  const { data, actions, state } = useApp();
  const fields = useMemo(() => formFieldsFor(guide), [guide]);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const setValue = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };
  // On blur only what was typed is judged: an empty field is not scolded before submit.
  const checkOnBlur = (field: (typeof fields)[number]) => {
    const value = values[field.key] ?? '';
    const problem = value.trim() === '' ? null : checkField(field, value);
    setErrors(({ [field.key]: _, ...rest }) => (problem ? { ...rest, [field.key]: problem } : rest));
  };
  const attention = Object.keys(errors).length;

  async function save(submit: boolean) {
    const problems = submit ? checkForm(fields, values) : draftProblems(values);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await actions.write(async () => {
        const app = await data.createApplication({ guide, ...toApplicationParts(guide, values) });
        if (submit) await data.submitApplication(app.id);
      });
      actions.navigate({ name: 'applications' });
    } catch (error) {
      console.error('saving the application failed', error);
      setFailure('没有保存成功，请检查填写的内容后再试一次。');
      setSaving(false);
    }
  }

  const offline = state.connection.value === 'offline';
  return (
    <form class={page.page} noValidate onSubmit={(e) => { e.preventDefault(); void save(true); }}>
      <h1 class={page.heading}>申请：{guide.name}</h1>
      <p class={page.lead}>
        {offline ? '现在没有网络也可以填写和提交，内容先保存在手机上，有网后自动发送。' : '填好后点「提交」，内容会保存在手机上并自动发送。'}
      </p>
      <div class={page.card}>
        {fields.map((field) => (
          <FormField key={field.key} field={field} value={values[field.key] ?? ''} error={errors[field.key]} onInput={(v) => setValue(field.key, v)} onBlur={() => checkOnBlur(field)} />
        ))}
      </div>
      {attention > 0 && <p class={page.error} role="alert">还有{attention}处没有填好，请看红色提示。</p>}
      {failure && <p class={page.error} role="alert">{failure}</p>}
      <div class={styles.actions}>
        <button class={page.primary} type="submit" data-testid="submit-application" disabled={saving}>{saving ? '正在保存…' : attention > 0 ? `提交（还有${attention}处要改）` : '提交'}</button>
        <button class={page.secondary} type="button" data-testid="save-draft" disabled={saving} onClick={() => void save(false)}>先存为草稿</button>
        <a class={styles.cancel} href={hrefOf({ name: 'guide', id: guide.id })}>返回办事指南</a>
      </div>
    </form>
  );
}

/** A draft only needs a name (the schema requires one); the rest can wait. */
function draftProblems(values: FormValues): FormErrors {
  return (values.applicantName ?? '').trim() ? {} : { applicantName: '存草稿也请先填写申请人姓名' };
}
