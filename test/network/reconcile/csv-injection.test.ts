// CSV exports never hand a spreadsheet a formula: cells starting with = + - @ (or tab, CR) are
// neutralised with a leading apostrophe; plain numbers, negative ones included, stay numbers.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../electron/network/reconcile/csv';

describe('CSV cells', () => {
  it('neutralises formula starts', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(csvCell('-3.00')).toBe('-3.00');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('+5')).toBe('+5');
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
  });

  it('a whole export: every formula cell is text', () => {
    const csv = toCsv(['姓名', '金额', '说明'], [['=cmd|\' /C calc\'!A0', '-3.00', '@x']]);
    expect(csv).toBe("\uFEFF姓名,金额,说明\r\n'=cmd|' /C calc'!A0,-3.00,'@x\r\n");
  });
});
