// The matching score's parts: names compared without punctuation and width differences,
// specifications in comparable units (0.25g = 250mg), dosage forms with or without 剂, makers
// without company suffixes, approval numbers with or without 国药准字; empty HIS fields do not
// count; a wrong name is no match whatever else agrees.
import { describe, expect, it } from 'vitest';
import { matchScore, normalise, similarity, specAmounts } from '../../electron/catalog/score';

const row = {
  name: '阿莫西林胶囊', genericName: '阿莫西林胶囊', tradeName: '阿莫仙', spec: '0.25g', dosageForm: '胶囊剂',
  manufacturer: '珠海联邦制药股份有限公司', approvalNo: '国药准字H44021351',
};

describe('match score', () => {
  it('normalises width, spaces and brackets', () => {
    expect(normalise('阿莫西林 胶囊（０.２５ｇ）')).toBe('阿莫西林胶囊(025g)');
    expect(similarity('阿莫西林胶囊', '阿莫西林胶囊')).toBe(1);
    expect(similarity('', 'x')).toBe(0);
  });

  it('reads specification amounts in base units', () => {
    expect(specAmounts('0.25g*24粒')).toEqual(['g:0.25']);
    expect(specAmounts('250mg')).toEqual(['g:0.25']);
    expect(specAmounts('2ml:15mg')).toEqual(['ml:2', 'g:0.015']);
    expect(specAmounts('80万单位')).toEqual(['iu:800000']);
  });

  it('the same item described another way scores high; another spec or maker lower', () => {
    const same = matchScore({ name: '阿莫西林胶囊', spec: '250mg', dosageForm: '胶囊', manufacturer: '珠海联邦制药', approvalNo: 'H44021351' }, row);
    expect(same.score).toBe(99);
    expect(same.parts).toMatchObject({ name: 1, spec: 1, dosageForm: 1, manufacturer: 1, approvalNo: 1 });
    const otherSpec = matchScore({ name: '阿莫西林胶囊', spec: '0.5g', manufacturer: '珠海联邦制药' }, row);
    expect(otherSpec.score).toBeLessThan(same.score);
    expect(otherSpec.parts.spec).toBe(0);
    const otherMaker = matchScore({ name: '阿莫西林胶囊', spec: '0.25g', manufacturer: '石药集团' }, row);
    expect(otherMaker.score).toBeLessThan(same.score);
  });

  it('empty HIS fields do not count; a trade name finds its row; a wrong name is 0', () => {
    expect(matchScore({ name: '阿莫西林胶囊' }, row).score).toBe(99);
    expect(matchScore({ name: '阿莫仙' }, row).parts.name).toBe(1);
    expect(matchScore({ name: '布洛芬缓释胶囊', spec: '0.25g', dosageForm: '胶囊', manufacturer: '珠海联邦制药', approvalNo: 'H44021351' }, row).score).toBe(0);
  });
});
