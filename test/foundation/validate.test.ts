// The boundary schemas (valibot, electron/api/validate.ts): a refusal names the field by its JSON
// path, in Chinese with the field's label for the user and in English for the log; the output
// type is the schema's.
import { describe, expect, it } from 'vitest';
import { array, bool, fromResult, int, money, none, obj, oneOf, optional, parseWith, record, str, v, whole, type Infer } from '../../electron/api/validate';
import { fail, ok } from '../../electron/core/result';

const lines = obj({
  lines: array(obj({ code: str({ min: 1, max: 64 }), amount: money({ max: '1000' }) }), { max: 3 }),
  limit: optional(int({ min: 1, max: 10 })),
  village: optional(bool()),
  visitType: oneOf(['outpatient', 'inpatient'] as const),
});

describe('boundary schemas', () => {
  it('gives the typed value, absent and null optional fields left out', () => {
    const r = parseWith(lines, { lines: [{ code: 'A1', amount: '12.50' }], limit: null, visitType: 'outpatient' });
    expect(r).toEqual({ ok: true, value: { lines: [{ code: 'A1', amount: '12.50' }], visitType: 'outpatient' } });
    const typed: Infer<typeof lines> = { lines: [], visitType: 'inpatient' };
    expect(typed.limit).toBeUndefined();
  });

  it('names the field by its path: Chinese label for the user, English for the log', () => {
    const r = parseWith(lines, { lines: [{ code: 'A1', amount: '1.00' }, { code: 'B2', amount: '12.345' }], visitType: 'outpatient' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '费用明细第 2 条的金额：金额最多两位小数', detail: 'lines[1].amount: check expected ?, got "12.345"', field: 'lines[1].amount' },
    });
    expect(parseWith(lines, { lines: [], visitType: 'moon' })).toMatchObject({ ok: false, error: { message: '就诊类型：不是可选的值', field: 'visitType' } });
    expect(parseWith(lines, { lines: [], visitType: 'inpatient', limit: 11 })).toMatchObject({ ok: false, error: { message: '条数：不能大于 10', field: 'limit' } });
  });

  it('refuses unknown and missing fields by name', () => {
    expect(parseWith(lines, { lines: [], visitType: 'inpatient', evil: 1 })).toMatchObject({ ok: false, error: { message: '不认识的字段“evil”', field: 'evil' } });
    expect(parseWith(lines, { visitType: 'inpatient' })).toMatchObject({ ok: false, error: { message: '费用明细：缺少此字段', field: 'lines' } });
    expect(parseWith(lines, 'text')).toMatchObject({ ok: false, error: { message: '输入内容：应为对象', field: '' } });
  });

  it('takes no input for none(), whole sentences as they are, and an area check with its own error', () => {
    expect(parseWith(none(), {})).toEqual({ ok: true, value: undefined });
    expect(parseWith(none(), { x: 1 })).toMatchObject({ ok: false, error: { message: '输入内容：不需要参数', field: 'input' } });
    const bound = obj({ maxTendered: v.pipe(money(), v.check((s) => s !== '0', whole('实收金额上限应在 1 到 1000000 元之间'))) });
    expect(parseWith(bound, { maxTendered: '0' })).toMatchObject({ ok: false, error: { message: '实收金额上限应在 1 到 1000000 元之间', field: 'maxTendered' } });
    const own = fromResult((x) => (x === 'ok' ? ok('fine') : fail('READER', '请选择读卡器类型', 'unknown type', 'type')));
    expect(parseWith(own, 'ok')).toEqual({ ok: true, value: 'fine' });
    expect(parseWith(own, 'no')).toEqual({ ok: false, error: { code: 'READER', message: '请选择读卡器类型', detail: 'unknown type', field: 'type' } });
  });

  it('checks the keys of a map and names the map', () => {
    const map = obj({ identityMap: record(v.pipe(v.string(), v.regex(/^\d{2}$/, (i) => `人员身份代码 ${String(i.input)} 格式不正确`)), oneOf(['poverty'] as const)) });
    expect(parseWith(map, { identityMap: { '01': 'poverty' } })).toEqual({ ok: true, value: { identityMap: { '01': 'poverty' } } });
    expect(parseWith(map, { identityMap: { abc: 'poverty' } })).toMatchObject({ ok: false, error: { message: '人员身份代码对照：人员身份代码 abc 格式不正确', field: 'identityMap' } });
    expect(parseWith(map, { identityMap: { '01': 'rich' } })).toMatchObject({ ok: false, error: { field: 'identityMap.01' } });
  });
});
