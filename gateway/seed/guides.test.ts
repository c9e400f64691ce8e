import { describe, expect, it } from 'vitest';
import { validateWith } from '../../sync-protocol/index.js';
import { createValidators } from '../validators.js';
import { loadSeedGuides } from './load-seed-guides.js';

describe('bundled guides', () => {
  const guides = loadSeedGuides() as { id: string; name: string; formFields: { key: string }[] }[];
  const validate = createValidators().documents.guides;

  it('should each validate against the guide schema', () => {
    for (const guide of guides) {
      const result = validateWith(validate, guide);
      expect(result, guide.id).toEqual({ ok: true });
    }
  });

  it('should have unique ids and unique form field keys per guide', () => {
    expect(new Set(guides.map((g) => g.id)).size).toBe(guides.length);
    for (const guide of guides) {
      const keys = guide.formFields.map((field) => field.key);
      expect(new Set(keys).size, guide.id).toBe(keys.length);
    }
  });

  it('should include the guide the end-to-end filing uses, with its applicant fields', () => {
    const shop = guides.find((g) => g.name.includes('个体工商户'));
    expect(shop?.formFields.map((field) => field.key)).toEqual(expect.arrayContaining(['applicantName', 'idNumber', 'phone']));
  });
});
