// Engine bench: settlements per second for a 20-line and a 300-line bill through the Zibo pack
// (a poor inpatient with Qihuibao: every layer applies), and the latency of the 300-line one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { settle, validatePack, type FeeLine, type PolicyPack, type SettleInput } from '../../electron/core/engine';
import type { BenchFigures, BenchSuite } from './registry';

function zibo(): PolicyPack {
  const file = path.resolve(__dirname, '../../policies/zibo-2020.json');
  const r = validatePack(JSON.parse(readFileSync(file, 'utf8')), file);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
}

/** A deterministic bill: mostly class A, a quarter class B (ratios 5..20 %), some class C. */
function lines(n: number): FeeLine[] {
  const out: FeeLine[] = [];
  for (let i = 0; i < n; i++) {
    const yuan = 3 + ((i * 7919) % 2000);
    const amount = `${yuan}.${String((i * 37) % 100).padStart(2, '0')}`;
    const kind = i % 8;
    if (kind < 5) out.push({ code: `A${i}`, amount, class: 'A' });
    else if (kind < 7) out.push({ code: `B${i}`, amount, class: 'B', selfPayRatio: `0.${5 + (i % 16)}`.replace(/^0\.(\d)$/, '0.0$1') });
    else out.push({ code: `C${i}`, amount, class: 'C' });
  }
  return out;
}

function input(pack: PolicyPack, n: number): SettleInput {
  return {
    pack,
    person: { insuranceType: 'resident', identities: ['poverty'], enrolled: ['qihuibao'] },
    visit: { type: 'inpatient', facilityLevel: 'township', date: '2020-06-15' },
    lines: lines(n),
    ytd: { basic: { base: '12000.00', paid: '9000.00', burden: '3000.00' }, critical: { base: '3000.00', paid: '0', burden: '3000.00' } },
  };
}

function once(i: SettleInput): void {
  const r = settle(i);
  if (!r.ok) throw new Error(r.error.detail);
}

function perSecond(i: SettleInput, ms: number): number {
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let n = 0;
  while (process.hrtime.bigint() - start < limit) {
    for (let k = 0; k < 50; k++) once(i);
    n += 50;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function latencies(i: SettleInput, count: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const t = process.hrtime.bigint();
    once(i);
    out[k] = Number(process.hrtime.bigint() - t) / 1e6;
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x: number, d: number) => Number(x.toFixed(d));

export const suite: BenchSuite = {
  name: 'engine',
  async run(): Promise<BenchFigures> {
    const pack = zibo();
    const small = input(pack, 20);
    const large = input(pack, 300);
    for (let k = 0; k < 1000; k++) { once(small); once(large); }
    const settle20 = perSecond(small, 1000);
    const settle300 = perSecond(large, 1000);
    const lat = latencies(large, 5000);
    return {
      'engine.settle20_per_s': Math.round(settle20),
      'engine.settle300_per_s': Math.round(settle300),
      'engine.settle300_p50_ms': round(pct(lat, 50), 4),
      'engine.settle300_p99_ms': round(pct(lat, 99), 4),
    };
  },
};
