// Small builders for engine tests: a pack from layers (validated), a settle that throws on error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  settle, validatePack, type Layer, type PolicyPack, type SettleInput, type SettlementResult,
} from '../../electron/core/engine';

export function pack(layers: unknown[], extra: Record<string, unknown> = {}): PolicyPack {
  const r = validatePack({
    id: 'test', name: '测试', region: '370300', effective: { from: '2020-01-01', to: '2020-12-31' }, layers, ...extra,
  }, 'test');
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

export function shippedPack(id: string): PolicyPack {
  const file = path.resolve(__dirname, '../../policies', `${id}.json`);
  const r = validatePack(JSON.parse(readFileSync(file, 'utf8')), file);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

export type Partial2 = Omit<Partial<SettleInput>, 'person' | 'visit'> & {
  person?: Partial<SettleInput['person']>;
  visit?: Partial<SettleInput['visit']>;
};

export function input(p: PolicyPack, o: Partial2 = {}): SettleInput {
  const { person, visit, ...rest } = o;
  return {
    pack: p,
    person: { insuranceType: 'resident', identities: [], enrolled: [], ...person },
    visit: { type: 'inpatient', facilityLevel: 'township', date: '2020-06-15', ...visit },
    ...(rest.lines ? {} : { fees: { total: '0' } }),
    ...rest,
  };
}

export function run(p: PolicyPack, o: Partial2 = {}): SettlementResult {
  const r = settle(input(p, o));
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

/** Layer amounts as strings, and the cash. */
export function amounts(r: SettlementResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of r.layers) out[l.key] = l.amount.toFixed(2);
  out.cash = r.cash.toFixed(2);
  return out;
}

export function layer(l: Partial<Layer> & Record<string, unknown>): Record<string, unknown> {
  return { key: 'basic', name: '基本医保', bands: [{ rate: '1' }], ...l };
}
