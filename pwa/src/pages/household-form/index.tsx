import { useEffect, useMemo, useState } from 'preact/hooks';
import { HOUSEHOLD_RELATIONS, type GuideFormField, type HouseholdDoc, type HouseholdRelation } from '../../../../sync-protocol/index.js';
import { FormField } from '../../components/form-field/index.js';
import { HouseholdRefusedError } from '../../db/data-api.js';
import { newId } from '../../db/new-id.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { blankHousehold, blankMember, checkHousehold, draftOf, toHouseholdDoc, type HouseholdDraft, type HouseholdErrors, type MemberDraft } from '../../model/household-form.js';
import { isQuotaError, QUOTA_MESSAGE } from '../../model/storage-space.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './household-form.module.css';

type FormRoute = Extract<Route, { name: 'new-household' } | { name: 'edit-household' }>;

/** 登记农户 / 修改农户信息: a household profile, typed once, used to fill every application for it. */
export function Page({ route }: PageProps<FormRoute>) {
  const { data } = useApp();
  const id = route.name === 'edit-household' ? route.id : null;
  const existing = useObservable(() => data.household$(id ?? ''), [data, id]);
  if (id && existing === undefined) return <p class={page.empty}>正在打开…</p>;
  if (id && existing === null) return <p class={page.empty}>手机上没有这户的信息。</p>;
  return <HouseholdForm key={id ?? 'new'} existing={existing ?? null} />;
}

const VILLAGE_FIELD: GuideFormField = { key: 'villageName', label: '村（社区）', type: 'text', required: true, hint: '例如：石练村' };
const ADDRESS_FIELD: GuideFormField = { key: 'address', label: '家庭住址', type: 'text', required: false, hint: '门牌号，例如：石练镇石练村12号' };
const NOTES_FIELD: GuideFormField = { key: 'notes', label: '备注', type: 'textarea', required: false, hint: '例如：户主耳背，要大声说；白天在茶园' };

function memberFields(member: MemberDraft): GuideFormField[] {
  const at = `members.${member.id}`;
  const head = member.relation === '户主';
  return [
    { key: `${at}.name`, label: head ? '户主姓名' : '姓名', type: 'text', required: true },
    { key: `${at}.idNumber`, label: '身份证号码', type: 'idNumber', required: false, hint: '18位，最后一位可以是X。不知道可以先空着' },
    { key: `${at}.phone`, label: '手机号码', type: 'phone', required: false, hint: '本人的手机；以后本人也能在手机上查到代办的事' },
  ];
}

function HouseholdForm({ existing }: { existing: HouseholdDoc | null }) {
  const { data, actions } = useApp();
  const villages = useObservable(() => data.households$, [data]);
  const villageNames = useMemo(() => [...new Set((villages ?? []).map((h) => h.village.name))], [villages]);
  const [draft, setDraft] = useState<HouseholdDraft>(() => (existing ? draftOf(existing) : blankHousehold(newId('member'))));
  const [errors, setErrors] = useState<HouseholdErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    // A profile for the next household is often in the same village as the last one.
    if (!existing && draft.villageName === '' && villageNames.length === 1) setDraft((d) => ({ ...d, villageName: villageNames[0] }));
  }, [villageNames.length]);

  const clearError = (key: string) => errors[key] && setErrors(({ [key]: _, ...rest }) => rest);
  const setTop = (key: 'villageName' | 'address' | 'notes', value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearError(key);
  };
  const setMember = (id: string, change: Partial<MemberDraft>) => {
    setDraft((d) => ({ ...d, members: d.members.map((m) => (m.id === id ? { ...m, ...change } : m)) }));
    for (const key of Object.keys(change)) clearError(`members.${id}.${key}`);
    if (change.relation) clearError('members');
  };
  const addMember = () => setDraft((d) => ({ ...d, members: [...d.members, blankMember(newId('member'))] }));
  const removeMember = (id: string) => setDraft((d) => ({ ...d, members: d.members.filter((m) => m.id !== id) }));

  async function save() {
    const problems = checkHousehold(draft);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`field-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const at = new Date().toISOString();
      const doc = toHouseholdDoc(draft, { id: existing?.id ?? newId('household'), existing }, at);
      const saved = await actions.write(() => data.saveHousehold(doc));
      actions.navigate({ name: 'household', id: saved.id });
    } catch (error) {
      console.error('saving the household failed', error);
      if (error instanceof HouseholdRefusedError) setErrors(checkHousehold(draft));
      setFailure(isQuotaError(error) ? QUOTA_MESSAGE : '没有保存成功，请看红色提示，改好后再点「保存」。');
      setSaving(false);
    }
  }

  const count = Object.keys(errors).length;
  return (
    <form
      class={page.page}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h1 class={page.heading}>{existing ? '修改农户信息' : '登记一户农户'}</h1>
      <p class={page.lead}>登记一次，以后给这户的人办事，姓名、身份证号码和住址会自动填好。没有网络也能登记。</p>
      <div class={page.card}>
        <FormField field={VILLAGE_FIELD} value={draft.villageName} error={errors.villageName} onInput={(v) => setTop('villageName', v)} />
        {villageNames.length > 1 && (
          <div class={styles.chips} aria-label="以前登记过的村">
            {villageNames.map((name) => (
              <button key={name} type="button" class={styles.chip} aria-pressed={draft.villageName === name} onClick={() => setTop('villageName', name)}>
                {name}
              </button>
            ))}
          </div>
        )}
        <FormField field={ADDRESS_FIELD} value={draft.address} onInput={(v) => setTop('address', v)} />
      </div>
      <h2 class={styles.sectionTitle}>家里的人</h2>
      {errors.members && (
        <p class={page.error} role="alert">
          {errors.members}
        </p>
      )}
      {draft.members.map((member, index) => (
        <fieldset key={member.id} class={`${page.card} ${styles.member}`} data-testid="member-card">
          <legend class={styles.legend}>{member.relation === '户主' ? '户主' : `家庭成员 ${index}`}</legend>
          <label class={styles.relationLabel} for={`relation-${member.id}`}>
            和户主的关系
          </label>
          <select
            id={`relation-${member.id}`}
            class={styles.relation}
            value={member.relation}
            data-testid="member-relation"
            onChange={(e) => setMember(member.id, { relation: (e.currentTarget as HTMLSelectElement).value as HouseholdRelation })}
          >
            {HOUSEHOLD_RELATIONS.map((r) => (
              <option key={r} value={r}>
                {r === '户主' ? '户主本人' : r}
              </option>
            ))}
          </select>
          {memberFields(member).map((field) => {
            const part = field.key.split('.').pop() as 'name' | 'idNumber' | 'phone';
            return <FormField key={field.key} field={field} value={member[part]} error={errors[field.key]} onInput={(v) => setMember(member.id, { [part]: v })} />;
          })}
          {draft.members.length > 1 && (
            <button type="button" class={styles.remove} onClick={() => removeMember(member.id)}>
              删去这个人
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" class={page.secondary} data-testid="add-member" onClick={addMember}>
        + 再加一位家里人
      </button>
      <div class={`${page.card} ${styles.notes}`}>
        <FormField field={NOTES_FIELD} value={draft.notes} onInput={(v) => setTop('notes', v)} />
      </div>
      {count > 0 && (
        <p class={page.error} role="alert">
          还有{count}处没有填好，请看红色提示。
        </p>
      )}
      {failure && (
        <p class={page.error} role="alert">
          {failure}
        </p>
      )}
      <div class={styles.actions}>
        <button type="submit" class={page.primary} disabled={saving} data-testid="save-household">
          {saving ? '正在保存…' : '保存'}
        </button>
        <a class={styles.cancel} href={existing ? hrefOf({ name: 'household', id: existing.id }) : hrefOf({ name: 'households' })}>
          不保存，返回
        </a>
      </div>
    </form>
  );
}
