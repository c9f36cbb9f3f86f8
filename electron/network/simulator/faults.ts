// Fault injection, from a spec string such as
//   drop=0.1,timeout=0.05,5xx=0.05,gateway=0.05,dup=0.05,commit-then-timeout=0.05,latency=20-200,only=2207+2304
// Each request draws at most one fault from a seeded RNG (the probabilities are disjoint slices of [0,1)):
//   drop                 the socket is closed without an answer; the request is NOT applied
//   timeout              the request is held (holdMs), then the socket is closed; NOT applied
//   error (alias 5xx)    HTTP 502 with an HTML body, as a proxy in front of the platform; NOT applied
//   gateway              an error answered outside the envelope, as the platform's gateways do:
//                        HTTP 200 {"code":500159,"message":"…","success":false} or HTTP 500
//                        {"code":"999","msg":"…"} (alternately); NOT applied
//   dup                  the platform receives the message twice (a gateway re-delivery); the msgid
//                        idempotency must absorb the second one; the client gets one answer
//   commit-then-timeout  the request IS applied, then held and the socket closed without answer
//   signin-end           every sign-in is ended just before the request is read, so it is refused
//                        with the sign-in error (a platform that ends sign-ins mid-run)
//   latency=a-b          every answered request waits a uniformly drawn a..b ms first
// `only=2207+2304` limits the faults (not the latency) to those infno.

export type FaultKind = 'drop' | 'timeout' | 'error' | 'gateway' | 'dup' | 'commitThenTimeout' | 'signinEnd';

export const FAULT_KINDS: readonly FaultKind[] = ['drop', 'timeout', 'error', 'gateway', 'dup', 'commitThenTimeout', 'signinEnd'];

export interface FaultSpec {
  p: Record<FaultKind, number>;
  latency: [number, number];
  only?: string[];
}

const NAMES: Record<string, FaultKind> = {
  drop: 'drop',
  timeout: 'timeout',
  error: 'error',
  '5xx': 'error',
  gateway: 'gateway',
  dup: 'dup',
  'commit-then-timeout': 'commitThenTimeout',
  commitThenTimeout: 'commitThenTimeout',
  'signin-end': 'signinEnd',
  signinEnd: 'signinEnd',
};

const PRINTED: Record<FaultKind, string> = {
  drop: 'drop', timeout: 'timeout', error: '5xx', gateway: 'gateway', dup: 'dup',
  commitThenTimeout: 'commit-then-timeout', signinEnd: 'signin-end',
};

export function noFaults(): FaultSpec {
  return { p: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>, latency: [0, 0] };
}

/** Parses a spec string; throws Error naming the bad part. "" or "none" means no faults. */
export function parseFaults(spec: string | undefined): FaultSpec {
  const out = noFaults();
  if (!spec || spec.trim() === 'none') return out;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`fault "${part}" needs a value (name=value)`);
    const k = part.slice(0, eq);
    const v = part.slice(eq + 1);
    if (k === 'latency') out.latency = parseLatency(v);
    else if (k === 'only') out.only = v.split('+').filter(Boolean);
    else if (NAMES[k]) {
      const p = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || p < 0 || p > 1) throw new Error(`fault ${k} must be a probability 0..1: ${v}`);
      out.p[NAMES[k]] = p;
    } else {
      throw new Error(`unknown fault "${k}" (${[...new Set(Object.values(PRINTED))].join(', ')}, latency, only)`);
    }
  }
  const total = FAULT_KINDS.reduce((s, k) => s + out.p[k], 0);
  if (total > 1 + 1e-9) throw new Error(`fault probabilities add up to ${total} (> 1)`);
  return out;
}

function parseLatency(v: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new Error(`latency must be MS or MIN-MAX: ${v}`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (b < a) throw new Error(`latency range is reversed: ${v}`);
  return [a, b];
}

export function formatFaults(f: FaultSpec): string {
  const parts = FAULT_KINDS.filter((k) => f.p[k] > 0).map((k) => `${PRINTED[k]}=${f.p[k]}`);
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
  for (const kind of FAULT_KINDS) {
    edge += f.p[kind];
    if (r < edge) return kind;
  }
  return undefined;
}

export function drawLatency(f: FaultSpec, rnd: () => number): number {
  const [a, b] = f.latency;
  if (b <= 0) return 0;
  return Math.round(a + (b - a) * rnd());
}
