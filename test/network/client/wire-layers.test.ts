// Our layers on the wire and back: basic/critical/assistance/burdenCap/reduction/others.
import { describe, expect, it } from 'vitest';
import { compareLayers, layersToWire, wireToLayers } from '../../../electron/network/client';

describe('wire layer mapping', () => {
  it('maps a resident settlement to the fund fields and setldetail rows', () => {
    const w = layersToWire({ basic: '100.00', critical: '20.00', assistance: '30.00', burdenCap: '5.00', reduction: '7.00', inclusive: '3.00', special: '0' }, 'resident');
    expect(w).toMatchObject({ hifp_pay: '100.00', hifmi_pay: '20.00', hifob_pay: '0.00', maf_pay: '30.00', oth_pay: '8.00', hosp_part_amt: '7.00', fund_pay_sumamt: '158.00' });
    expect(w.setldetail.map((d) => [d.fund_pay_type, d.fund_payamt])).toEqual([
      ['390100', '100.00'], ['390200', '20.00'], ['610100', '30.00'], ['640100', '5.00'], ['999900', '3.00'],
    ]);
    expect(wireToLayers(w as unknown as Record<string, unknown>, w.setldetail as unknown as Record<string, unknown>[])).toEqual({
      basic: '100.00', critical: '20.00', assistance: '30.00', reduction: '7.00', burdenCap: '5.00', inclusive: '3.00',
    });
  });

  it('uses 310100 / hifob (330100) for employees', () => {
    const w = layersToWire([{ key: 'basic', amount: '10' }, { key: 'critical', amount: '2' }], 'employee');
    expect(w.setldetail.map((d) => d.fund_pay_type)).toEqual(['310100', '330100']);
    expect(w.hifob_pay).toBe('2.00');
    expect(wireToLayers(w as unknown as Record<string, unknown>, w.setldetail as unknown as Record<string, unknown>[])).toEqual({ basic: '10.00', critical: '2.00' });
  });

  it('decodes a foreign answer by fund code, and unexplained oth_pay as "other"', () => {
    const layers = wireToLayers(
      { hifp_pay: 4.29, hifmi_pay: null, maf_pay: '1', oth_pay: '5.00', hosp_part_amt: '' },
      [{ fund_pay_type: '640100', fund_payamt: 2 }, { fund_pay_type: '310200', fund_payamt: 4.52 }],
    );
    expect(layers).toEqual({ basic: '4.29', assistance: '1.00', burdenCap: '2.00', other: '3.00' });
  });

  it('an unknown layer key travels as 999999 with its name in setl_proc_info', () => {
    const w = layersToWire({ villageFund: '1.50' }, 'resident');
    expect(w.setldetail[0]).toMatchObject({ fund_pay_type: '999999', setl_proc_info: 'layer=villageFund' });
    expect(wireToLayers(w as unknown as Record<string, unknown>, w.setldetail as unknown as Record<string, unknown>[])).toEqual({ villageFund: '1.50' });
  });

  it('compares layers to the fen, missing meaning zero', () => {
    expect(compareLayers({ basic: '1.00', critical: '0' }, { basic: '1.00' })).toEqual([]);
    expect(compareLayers({ basic: '1.00' }, { basic: '1.01', assistance: '2' })).toEqual([
      { layer: 'assistance', local: '0.00', network: '2.00', difference: '2.00' },
      { layer: 'basic', local: '1.00', network: '1.01', difference: '0.01' },
    ]);
  });
});
