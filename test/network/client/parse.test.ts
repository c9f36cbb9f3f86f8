// Lenient parsing of answers: numbers or strings, nulls, blanks, infcode 0 or "0".
import { describe, expect, it } from 'vitest';
import { BadResponseError, parseEnvelope, wireMoney, wireString } from '../../../electron/network/client';

describe('wireMoney', () => {
  const table: [unknown, string | undefined][] = [
    [4.52, '4.52'], ['4.52', '4.52'], [' 4.5 ', '4.50'], [0, '0.00'], ['0', '0.00'], [-25.1, '-25.10'], ['-25.1', '-25.10'],
    [1373.63, '1373.63'], ['.5', '0.50'], ['12.', '12.00'], ['+3', '3.00'], [1e-7, '0.00'], [12.345, '12.35'], ['12.345', '12.35'],
    [null, undefined], [undefined, undefined], ['', undefined], ['abc', undefined], [NaN, undefined], [{}, undefined], [[1], undefined],
  ];
  for (const [input, want] of table) {
    it(`${JSON.stringify(input)} -> ${want}`, () => expect(wireMoney(input)).toBe(want));
  }
});

describe('wireString', () => {
  it('reads numbers, trims, and turns null into ""', () => {
    expect(wireString(390)).toBe('390');
    expect(wireString(' 370300 ')).toBe('370300');
    expect(wireString(null)).toBe('');
    expect(wireString(undefined)).toBe('');
    expect(wireString({})).toBe('');
  });
});

describe('parseEnvelope', () => {
  it('accepts infcode 0 as number or string and parses output given as JSON text', () => {
    expect(parseEnvelope('{"infcode":0,"output":{"a":1}}', '1101', 'm').infcode).toBe('0');
    expect(parseEnvelope('{"infcode":"0","output":"{\\"a\\":1}"}', '1101', 'm').output).toEqual({ a: 1 });
    expect(parseEnvelope('\uFEFF{"infcode":"-1","err_msg":"x","warn_msg":null}', '1101', 'm')).toMatchObject({ infcode: '-1', errMsg: 'x', warnMsg: '' });
    expect(parseEnvelope('{"infcode":"00"}', '1101', 'm').infcode).toBe('0');
  });

  it('refuses what is not an envelope', () => {
    for (const bad of ['', 'null', '[]', '<html>', '{"output":{}}', '{"infcode":"ok"}', '{"infcode":null}']) {
      expect(() => parseEnvelope(bad, '1101', 'm'), bad).toThrow(BadResponseError);
    }
  });
});
