// The simulator's settlement book: records by id in the order made, and by visit (the visit's
// valid settlement is found among the visit's own records).
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../electron/core/money';
import { SimState, type SimSettlement } from '../../../electron/network/sim/state';

function record(settlementId: string, visitId: string, over: Partial<SimSettlement> = {}): SimSettlement {
  return {
    settlementId, visitId, personNo: 'P1', institution: 'H1', insutype: '390', clrType: '11', msgid: `M-${settlementId}`,
    infno: '2207', date: '2020-06-01', status: 'valid', setlinfo: {}, setldetail: [],
    medfee: new Dec(1), fund: new Dec(0), account: new Dec(0), ...over,
  };
}

describe('SimState settlements', () => {
  it('finds the valid original of a visit, not a cancelled or reversed one, nor a cancellation record', () => {
    const st = new SimState([]);
    st.settlements.set('S1', record('S1', 'V1', { status: 'cancelled' }));
    st.settlements.set('S2', record('S2', 'V1', { cancels: 'S1' }));
    st.settlements.set('S3', record('S3', 'V2'));
    expect(st.validSettlementOf('V1')).toBeUndefined();
    st.settlements.set('S4', record('S4', 'V1'));
    expect(st.validSettlementOf('V1')?.settlementId).toBe('S4');
    expect(st.validSettlementOf('V2')?.settlementId).toBe('S3');
    // Statuses change in place (cancel, reversal): the index sees the record itself.
    st.settlements.get('S4')!.status = 'reversed';
    expect(st.validSettlementOf('V1')).toBeUndefined();
    expect(st.validSettlementOf('V9')).toBeUndefined();
  });

  it('keeps the index right when a record is replaced or deleted', () => {
    const st = new SimState([]);
    st.settlements.set('S1', record('S1', 'V1'));
    st.settlements.set('S1', record('S1', 'V2'));
    expect(st.validSettlementOf('V1')).toBeUndefined();
    expect(st.validSettlementOf('V2')?.settlementId).toBe('S1');
    st.settlements.delete('S1');
    expect(st.validSettlementOf('V2')).toBeUndefined();
    expect([...st.settlements.keys()]).toEqual([]);
    st.settlements.set('S5', record('S5', 'V5'));
    st.settlements.clear();
    expect(st.validSettlementOf('V5')).toBeUndefined();
  });
});
