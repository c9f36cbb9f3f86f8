// Fault injection of the simulated network, from a spec string such as
//   drop=0.1,timeout=0.05,error=0.05,dup=0.05,latency=20-200,commit-then-timeout=0.05
// Each request draws one fault from a seeded RNG (the probabilities are disjoint slices of [0,1)):
//   drop                 the socket is closed without an answer; the request is NOT applied
//   timeout              the request is held (holdMs), then the socket is closed; NOT applied
//   error                HTTP 500 with a text body; NOT applied
//   dup                  the network receives the message twice (a gateway re-delivery): it is
//                        processed a second time internally, which the msgid idempotency must
//                        absorb (the second pass gets the first answer, nothing is applied
//                        twice); the client gets the one answer. stats().dupAbsorbed counts them.
//   commit-then-timeout  the request IS applied, then held and the socket closed without answer
//   latency=a-b          every answered request waits a uniformly drawn a..b ms first
// `only=2207+2304` limits faults to those infno (latency still applies to all).

export type FaultKind = 'drop' | 'timeout' | 'error' | 'dup' | 'commitThenTimeout';

export interface FaultSpec {
  drop: number;
  timeout: number;
  error: number;
  dup: number;
  commitThenTimeout: number;
  latency: [number, number];
  only?: string[];
}

export const NO_FAULTS: FaultSpec = { drop: 0, timeout: 0, error: 0, dup: 0, commitThenTimeout: 0, latency: [0, 0] };

const KEYS: Record<string, Exclude<keyof FaultSpec, 'latency' | 'only'>> = {
  drop: 'drop',
  timeout: 'timeout',
  error: 'error',
  dup: 'dup',
  'commit-then-timeout': 'commitThenTimeout',
  commitThenTimeout: 'commitThenTimeout',
};

/** Parses a spec string; throws Error naming the bad part. "" or "none" means no faults. */
export function parseFaults(spec: string | undefined): FaultSpec {
  const out: FaultSpec = { ...NO_FAULTS, latency: [0, 0] };
  if (!spec || spec === 'none') return out;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (v === undefined) throw new Error(`fault "${part}" needs a value (name=value)`);
    if (k === 'latency') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(v);
      if (!m) throw new Error(`latency must be MS or MIN-MAX: ${v}`);
      const a = Number(m[1]);
      const b = m[2] === undefined ? a : Number(m[2]);
      if (b < a) throw new Error(`latency range is reversed: ${v}`);
      out.latency = [a, b];
    } else if (k === 'only') {
      out.only = v.split('+').filter(Boolean);
    } else if (KEYS[k]) {
      const p = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || p < 0 || p > 1) throw new Error(`fault ${k} must be a probability 0..1: ${v}`);
      out[KEYS[k]] = p;
    } else {
      throw new Error(`unknown fault "${k}" (drop, timeout, error, dup, latency, commit-then-timeout, only)`);
    }
  }
  const total = out.drop + out.timeout + out.error + out.dup + out.commitThenTimeout;
  if (total > 1) throw new Error(`fault probabilities add up to ${total} (> 1)`);
  return out;
}

export function formatFaults(f: FaultSpec): string {
  const parts: string[] = [];
  for (const [name, key] of Object.entries(KEYS)) {
    if (name === 'commitThenTimeout') continue;
    if (f[key] > 0) parts.push(`${name}=${f[key]}`);
  }
  if (f.latency[1] > 0) parts.push(`latency=${f.latency[0]}-${f.latency[1]}`);
  if (f.only?.length) parts.push(`only=${f.only.join('+')}`);
  return parts.join(',') || 'none';
}

/** mulberry32: a small seeded PRNG, reproducible runs for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function drawFault(f: FaultSpec, infno: string, rnd: () => number): FaultKind | undefined {
  const r = rnd();
  if (f.only && !f.only.includes(infno)) return undefined;
  let edge = 0;
  for (const [kind, p] of [
    ['drop', f.drop], ['timeout', f.timeout], ['error', f.error], ['dup', f.dup], ['commitThenTimeout', f.commitThenTimeout],
  ] as [FaultKind, number][]) {
    edge += p;
    if (r < edge) return kind;
  }
  return undefined;
}

export function drawLatency(f: FaultSpec, rnd: () => number): number {
  const [a, b] = f.latency;
  if (b <= 0) return 0;
  return Math.round(a + (b - a) * rnd());
}
