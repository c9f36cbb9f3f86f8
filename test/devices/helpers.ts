// Test helpers: real pty pairs (socat) with a simulator serving the device end, torn down after
// each test.
import { afterEach } from 'vitest';
import { demoPerson, idCardContent, ssCardContent } from '../../electron/devices/demo-cards';
import { Ga467ReaderSim, Ga467SimOptions } from '../../native/sim/ga467-reader';
import { openPtyPair, PtyPair } from '../../native/sim/pty';
import { QrScannerSim } from '../../native/sim/qr-scanner';
import { Rsr1ReaderSim, Rsr1SimOptions } from '../../native/sim/rsr1-reader';
import { SimCardOptions, SimSsCard } from '../../native/sim/sscard';
import { openSerial } from '../../native/transport/serial';
import { ByteTransport } from '../../native/transport/types';

const cleanups: Array<() => Promise<unknown>> = [];

export function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
});

export async function ptyPair(paths?: { device: string; host: string }): Promise<PtyPair> {
  const pair = await openPtyPair(paths);
  onCleanup(() => pair.close());
  return pair;
}

export async function serial(path: string): Promise<ByteTransport> {
  const t = await openSerial({ path });
  onCleanup(() => t.close());
  return t;
}

export interface Served<S> {
  pty: PtyPair;
  sim: S;
  device: ByteTransport;
  /** The host end, opened (for drivers under test). */
  host(): Promise<ByteTransport>;
}

async function serve<S extends { attach(t: ByteTransport): S }>(sim: S): Promise<Served<S>> {
  const pty = await ptyPair();
  const device = await serial(pty.device);
  sim.attach(device);
  return { pty, sim, device, host: () => serial(pty.host) };
}

export async function serveSsCard(
  person = 'poor',
  opts: Rsr1SimOptions = {},
  card: SimCardOptions = {},
): Promise<Served<Rsr1ReaderSim>> {
  const served = await serve(new Rsr1ReaderSim(opts));
  if (person) served.sim.insert(new SimSsCard(ssCardContent(demoPerson(person)), card));
  return served;
}

export async function serveIdCard(person = 'poor', opts: Ga467SimOptions = {}): Promise<Served<Ga467ReaderSim>> {
  const served = await serve(new Ga467ReaderSim(opts));
  if (person) served.sim.place(idCardContent(demoPerson(person)));
  return served;
}

export async function serveQr(): Promise<Served<QrScannerSim>> {
  return serve(new QrScannerSim());
}

/**
 * Reply deadlines for tests that are not about timing out: long enough that a machine busy with
 * other work never trips them (a reader that never answers still fails, only later).
 */
export const DEADLINES = { timeoutMs: 3000, powerOnTimeoutMs: 3000 };

/** Resolves once `n` bytes have come in on `t` from now on (subscribe before the write). */
export function arrival(t: ByteTransport, n: number): Promise<void> {
  let got = 0;
  return new Promise((resolve) => {
    const off = t.onData((chunk) => {
      got += chunk.length;
      if (got < n) return;
      off();
      resolve();
    });
  });
}

export function expectedSsCard(key: string) {
  const p = demoPerson(key);
  return {
    cardId: p.card.cardId,
    cardNumber: p.card.cardNumber,
    ssn: p.idNumber,
    name: p.name,
    gender: p.gender,
    nation: p.nation,
    birthDate: p.birthDate,
    issueDate: p.card.issueDate,
    expiryDate: p.card.expiryDate,
    region: p.card.cardId.slice(0, 6),
    specVersion: p.card.specVersion,
  };
}
