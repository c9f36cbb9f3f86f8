// The "simulated" reader type: no hardware, but the same bytes path as a real reader. An
// in-process simulator (RSR-1, GA 467 or a CDC QR scanner) sits on one end of a byte pipe and the
// real driver code reads from the other end. Content comes from the demo persons.
import { DEMO_PERSONS, DemoPerson } from '../demo/persons';
import { fail, ok, Result } from '../core/result';
import { idCardContent, ssCardContent } from './demo-cards';
import { Ga467ReaderSim } from '../../native/sim/ga467-reader';
import { QrScannerSim } from '../../native/sim/qr-scanner';
import { Rsr1ReaderSim } from '../../native/sim/rsr1-reader';
import { SimCardOptions, SimSsCard } from '../../native/sim/sscard';
import { createPipe } from '../../native/transport/pipe';
import type { SimulatedCardKind } from './config';
import { EVoucherSession, IdCardSession, ReaderSession, SessionDeps, SsCardSession } from './session';

/** What the demo (browser mode) and tests can do to the simulated reader. */
export interface SimulatedReaderControls {
  readonly kind: SimulatedCardKind;
  readonly personKey: string;
  readonly cardPresent: boolean;
  /** Insert (or place, or show) the card of a demo person; default the current one. */
  insert(personKey?: string, options?: SimCardOptions): Result<{ personKey: string }>;
  /** Take the card out (or show no code). */
  remove(): void;
  /** The demo persons one can insert. */
  persons(): Array<{ key: string; name: string }>;
}

export class SimulatedReader implements SimulatedReaderControls {
  private person: DemoPerson;
  private present = true;
  private cardOptions: SimCardOptions = {};
  private rsr1?: Rsr1ReaderSim;
  private ga467?: Ga467ReaderSim;
  private qr?: QrScannerSim;

  constructor(
    readonly kind: SimulatedCardKind,
    personKey?: string,
  ) {
    this.person = DEMO_PERSONS.find((p) => p.key === personKey) ?? DEMO_PERSONS[0];
  }

  get personKey(): string {
    return this.person.key;
  }

  get cardPresent(): boolean {
    return this.present;
  }

  persons(): Array<{ key: string; name: string }> {
    return DEMO_PERSONS.map((p) => ({ key: p.key, name: p.name }));
  }

  insert(personKey?: string, options: SimCardOptions = {}): Result<{ personKey: string }> {
    const p = personKey === undefined ? this.person : DEMO_PERSONS.find((x) => x.key === personKey);
    if (!p) return fail('VALIDATION', '没有这个模拟人员', `unknown demo person ${personKey}`, 'personKey');
    this.person = p;
    this.present = true;
    this.cardOptions = options;
    this.rsr1?.insert(new SimSsCard(ssCardContent(p), options));
    this.ga467?.place(idCardContent(p));
    return ok({ personKey: p.key });
  }

  remove(): void {
    this.present = false;
    this.rsr1?.remove();
    this.ga467?.remove();
  }

  /** A fresh session: a new pipe with the simulator on its device end. */
  open(deps: SessionDeps, timeoutMs?: number): ReaderSession {
    const [host, device] = createPipe(`simulated-${this.kind}`);
    if (this.kind === 'ssCard') {
      this.rsr1 = new Rsr1ReaderSim().attach(device);
      if (this.present) this.insert(undefined, this.cardOptions);
      return new SsCardSession(host, deps, timeoutMs);
    }
    if (this.kind === 'idCard') {
      this.ga467 = new Ga467ReaderSim({ requireRemoval: false }).attach(device);
      if (this.present) this.insert();
      return new IdCardSession(host, deps, timeoutMs);
    }
    const qr = new QrScannerSim().attach(device);
    this.qr = qr;
    const beforeScan = () => {
      if (!this.present) return;
      const code = this.person.eVoucherCode;
      setTimeout(() => void qr.scan(code), 20);
    };
    return new EVoucherSession(host, { ...deps, beforeScan }, 2000);
  }
}
