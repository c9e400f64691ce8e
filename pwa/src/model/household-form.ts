import { householdRuleIssues, ruleMessage, type HouseholdDoc, type HouseholdMember, type HouseholdRelation } from '../../../sync-protocol/index.js';

/** One member as the profile form holds them: every field a string, empty when not given. */
export interface MemberDraft {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  relation: HouseholdRelation;
}

/** A household profile being written on the agent's phone. */
export interface HouseholdDraft {
  villageName: string;
  address: string;
  notes: string;
  members: MemberDraft[];
}

/** Field key → what is wrong, in words (`villageName`, `members.<id>.idNumber`, `members`). */
export type HouseholdErrors = Record<string, string>;

/** What each member field is called on screen, for the words of a problem. */
export const MEMBER_FIELD_LABELS = { name: '姓名', idNumber: '身份证号码', phone: '手机号码' } as const;

/** A new profile: the head of household first, nothing typed yet. */
export function blankHousehold(memberId: string): HouseholdDraft {
  return { villageName: '', address: '', notes: '', members: [blankMember(memberId, '户主')] };
}

export function blankMember(id: string, relation: HouseholdRelation = '子女'): MemberDraft {
  return { id, name: '', idNumber: '', phone: '', relation };
}

/** The form's values of a saved profile. */
export function draftOf(doc: HouseholdDoc): HouseholdDraft {
  return {
    villageName: doc.village.name,
    address: doc.address ?? '',
    notes: doc.notes ?? '',
    members: doc.members.map((m) => ({ id: m.id, name: m.name, idNumber: m.idNumber ?? '', phone: m.phone ?? '', relation: m.relation })),
  };
}

/**
 * Checks a profile with the protocol's rules (the gateway runs the same on
 * push): the village is named, each member has a name, ID numbers and
 * mobiles are real ones, exactly one 户主. An empty result means it may be saved.
 */
export function checkHousehold(draft: HouseholdDraft, today: Date = new Date()): HouseholdErrors {
  const errors: HouseholdErrors = {};
  if (draft.villageName.trim() === '') errors.villageName = ruleMessage({ code: 'REQUIRED' }, { label: '村（社区）名称' });
  const members = draft.members.map(memberOf);
  for (const issue of householdRuleIssues({ members }, today)) {
    if (errors[issue.field]) continue;
    const label = MEMBER_FIELD_LABELS[issue.field.split('.').pop() as keyof typeof MEMBER_FIELD_LABELS];
    errors[issue.field] = ruleMessage(issue, label ? { label } : {});
  }
  return errors;
}

/** The document a checked draft becomes: a new one, or the saved one with the draft's values. */
export function toHouseholdDoc(draft: HouseholdDraft, base: { id: string; existing: HouseholdDoc | null }, at: string): HouseholdDoc {
  const { existing } = base;
  const village = { ...(existing?.village ?? {}), name: draft.villageName.trim().slice(0, 60) };
  const { address: _address, notes: _notes, server: _server, ...kept } = existing ?? ({} as Partial<HouseholdDoc>);
  return {
    ...kept,
    id: base.id,
    village,
    ...(draft.address.trim() ? { address: draft.address.trim().slice(0, 200) } : {}),
    ...(draft.notes.trim() ? { notes: draft.notes.trim().slice(0, 1000) } : {}),
    members: draft.members.map(memberOf),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
}

function memberOf(draft: MemberDraft): HouseholdMember {
  const idNumber = draft.idNumber.trim().toUpperCase();
  const phone = draft.phone.replace(/\s+/g, '');
  return {
    id: draft.id,
    name: draft.name.trim().slice(0, 100),
    relation: draft.relation,
    ...(idNumber ? { idNumber: idNumber.slice(0, 32) } : {}),
    ...(phone ? { phone: phone.slice(0, 20) } : {}),
  };
}

/** The last four characters of an ID number, all a list shows of it (尾号 0023). */
export function idNumberTail(idNumber: string): string {
  return idNumber.slice(-4);
}
