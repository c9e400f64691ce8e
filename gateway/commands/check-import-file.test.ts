import { describe, expect, it } from 'vitest';
import { sampleArea, sampleGuideInput } from '../../test/support/sample-guides.js';
import { createValidators } from '../validators.js';
import { checkImportFile, mergeImportFiles, parseImportText } from './check-import-file.js';

const validators = createValidators();

function problemsOf(value: unknown) {
  return checkImportFile(validators, value).problems;
}

describe('parseImportText', () => {
  it('should name the file and the position of bad JSON without quoting it', () => {
    const answer = parseImportText('{"guides": [ 身份证号 ]}', 'guides.json');
    expect(answer.ok).toBe(false);
    const [problem] = answer.ok ? [] : answer.problems;
    expect(problem).toMatchObject({ item: 'file', field: 'guides.json' });
    expect(problem.reason).toMatch(/^is not valid JSON/);
    expect(problem.reason).not.toContain('身份证号');
  });
});

describe('mergeImportFiles', () => {
  it('should join the lists of several files in order', () => {
    const merged = mergeImportFiles([{ areas: [1] }, { guides: [2], withdraw: ['a'] }, { guides: [3] }]);
    expect(merged).toEqual({ areas: [1], guides: [2, 3], withdraw: ['a'] });
  });
});

describe('checkImportFile', () => {
  it('should accept a good file and default the missing lists', () => {
    const guide = sampleGuideInput('guide-test-0001', '331123');
    expect(checkImportFile(validators, { guides: [guide] })).toEqual({ problems: [], file: { areas: [], guides: [guide], withdraw: [] } });
  });

  it('should keep the well-formed parts of a bad file for the checks that need the store', () => {
    const good = sampleGuideInput('guide-test-0001', '331123');
    const check = checkImportFile(validators, { guides: [{ ...good, id: 'x' }, good], withdraw: ['guide-old-0001'] });
    expect(check.problems).toHaveLength(1);
    expect(check.file).toEqual({ areas: [], guides: [good], withdraw: ['guide-old-0001'] });
  });

  it('should refuse an envelope with unknown fields or no content', () => {
    expect(problemsOf({ guide: [] })).toEqual([{ item: 'file', field: 'guide', reason: 'is not an allowed field' }]);
    expect(problemsOf({})).toEqual([{ item: 'file', field: '', reason: 'must NOT have fewer than 1 properties' }]);
    expect(problemsOf([])).toEqual([{ item: 'file', field: '', reason: 'must be object' }]);
  });

  it('should list every schema problem of every guide, naming guides without an id by position', () => {
    const noId = { ...sampleGuideInput('guide-test-0002', '331123') } as Record<string, unknown>;
    delete noId.id;
    const problems = problemsOf({
      guides: [sampleGuideInput('guide-test-0001', '331123', { level: '村级' as never, version: 2 } as never), noId],
    });
    expect(problems).toEqual([
      { item: 'guide-test-0001', field: 'version', reason: 'is not an allowed field' },
      { item: 'guide-test-0001', field: 'level', reason: 'must be equal to one of the allowed values' },
      { item: '#1', field: 'id', reason: 'is required' },
    ]);
  });

  it('should refuse repeated ids, material keys and form-field keys', () => {
    const guide = sampleGuideInput('guide-test-0001', '331123');
    const repeated = sampleGuideInput('guide-test-0002', '331123', {
      materials: [guide.materials[0], { ...guide.materials[0], name: '另一份' }],
      formFields: [guide.formFields[0], guide.formFields[1], { ...guide.formFields[0] }],
    });
    expect(problemsOf({ guides: [guide, repeated, guide] })).toEqual([
      { item: 'guide-test-0002', field: 'materials.1.key', reason: 'repeats the key "id-card"' },
      { item: 'guide-test-0002', field: 'formFields.2.key', reason: 'repeats the key "applicantName"' },
      { item: 'guide-test-0001', field: 'id', reason: 'appears more than once in the file (guides #0, #2)' },
    ]);
  });

  it('should refuse areas that are invalid, repeated or whose level does not fit the code', () => {
    const problems = problemsOf({ areas: [sampleArea('331123'), sampleArea('331123'), { ...sampleArea('331124'), level: 'city' }, { name: '无码' }] });
    expect(problems).toEqual([
      { item: 'area:331123', field: 'code', reason: 'appears more than once in the file' },
      { item: 'area:331124', field: 'level', reason: 'must be county for this code' },
      { item: 'area#3', field: 'code', reason: 'is required' },
      { item: 'area#3', field: 'fullName', reason: 'is required' },
      { item: 'area#3', field: 'level', reason: 'is required' },
    ]);
  });

  it('should refuse withdrawing a guide the same file publishes', () => {
    expect(problemsOf({ guides: [sampleGuideInput('guide-test-0001', '331123')], withdraw: ['guide-test-0001'] })).toEqual([
      { item: 'guide-test-0001', field: 'withdraw', reason: 'is also published by this file' },
    ]);
  });
});
