import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportFile, mergeImportFiles } from '../commands/check-import-file.js';
import { DEFAULT_SAMPLES_DIR } from '../config.js';
import { createValidators } from '../validators.js';
import { loadCatalogue } from './load-catalogue.js';

describe('the bundled catalogue', () => {
  const check = checkImportFile(createValidators(), mergeImportFiles(loadCatalogue().map((source) => JSON.parse(source.text))));
  const { file } = check;

  it('should pass every check of an import file', () => {
    expect(check.problems).toEqual([]);
  });

  it('should scope every guide to one of its own areas', () => {
    const codes = new Set(file.areas.map((area) => area.code));
    expect(file.guides.filter((guide) => !codes.has(guide.areaCode)).map((guide) => guide.id)).toEqual([]);
  });

  it('should give every area below a province a parent it also lists', () => {
    const codes = new Set(file.areas.map((area) => area.code));
    expect(file.areas.filter((area) => area.level !== 'province' && !codes.has(area.parentCode ?? '')).map((a) => a.code)).toEqual([]);
  });

  it('should point every material sample at a file in the samples directory', () => {
    const urls = file.guides.flatMap((guide) => guide.materials.map((m) => m.sampleUrl).filter((url): url is string => url !== undefined));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith('/samples/') || !existsSync(join(DEFAULT_SAMPLES_DIR, url.slice('/samples/'.length))))).toEqual([]);
  });

  it('should include the guide the end-to-end filing uses, with its applicant fields', () => {
    const shop = file.guides.find((guide) => guide.id === 'guide-331123-getihu-sheli');
    expect(shop?.formFields.map((field) => field.key)).toEqual(expect.arrayContaining(['applicantName', 'idNumber', 'phone']));
  });

  it('should cover both counties', () => {
    const areas = new Set(file.guides.map((guide) => guide.areaCode));
    expect(areas).toContain('331123');
    expect(areas).toContain('331124');
  });
});
