// The HIS item list as a CSV: Chinese or English headers, UTF-8 or GB18030, prices to the fen;
// a bad row is refused naming its row and the column's Chinese label, and nothing is taken.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseHisItemsCsv } from '../../electron/catalog/his-items';

const csv = (s: string) => Buffer.from(s, 'utf8');

describe('HIS item CSV', () => {
  it('reads Chinese headers, any column order, prices to the fen', () => {
    const r = parseHisItemsCsv(csv('单价,项目名称,项目编码,规格,医保编码\n12.345,阿莫西林胶囊,XY0001,0.25g*24粒,xj01caa046e001010100213\n,血常规,JY-01,,\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value[0]).toMatchObject({ hisCode: 'XY0001', name: '阿莫西林胶囊', spec: '0.25g*24粒', nationalCode: 'XJ01CAA046E001010100213', priceFen: 1235 });
    expect(r.value[1]).toMatchObject({ hisCode: 'JY-01', priceFen: null, nationalCode: '' });
  });

  it('reads English headers and GB18030', () => {
    const text = 'code,name,manufacturer\nA1,复方甘草片,北京双鹤药业\n';
    const r = parseHisItemsCsv(iconv.encode(text, 'gb18030'));
    expect(r.ok && r.value[0]).toMatchObject({ hisCode: 'A1', name: '复方甘草片', manufacturer: '北京双鹤药业' });
  });

  it('refuses a bad row naming the row and the column in Chinese', () => {
    const cases: [string, RegExp][] = [
      ['项目编码,项目名称\nA1,\n', /第 2 行“项目名称”不能为空/],
      ['项目编码,项目名称\nA 1,x\n', /第 2 行“项目编码”只能是/],
      ['项目编码,项目名称,单价\nA1,x,-1\n', /第 2 行“单价”应为不小于 0 的金额/],
      ['项目编码,项目名称\nA1,x\nA1,y\n', /第 3 行“项目编码”A1 重复/],
      ['名称\nx\n', /缺少“项目编码”列/],
      ['项目编码,项目名称\n', /没有数据行/],
    ];
    for (const [text, msg] of cases) {
      const r = parseHisItemsCsv(csv(text));
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error.message, text).toMatch(msg);
    }
  });
});
