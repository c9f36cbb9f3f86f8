// An open reader: the transport plus the driver for the configured type. One session per
// configuration; the service reopens it after the reader was unplugged.
import { DeviceError } from '../../native/errors';
import type { EVoucherContext, EVoucherDecoder } from '../../native/evoucher/decoder';
import { Ga467Client } from '../../native/idcard/ga467-client';
import { QrScanner } from '../../native/qr/scanner';
import { Rsr1Client } from '../../native/rsr1-client';
import { readSsCard } from '../../native/sscard/read';
import { HidOpener, openHid } from '../../native/transport/hid';
import { openSerial } from '../../native/transport/serial';
import { ByteTransport } from '../../native/transport/types';
import { readSsCardViaDll, SsCardDll } from '../../native/vendor/dll-output';
import type { ReaderConfig } from './config';
import { fromEVoucher, fromIdCard, fromSsCard, PatientIdentity } from './identity';

export interface Probe {
  /** A card is in the reader / on the ID reader / a code was scanned. */
  cardPresent: boolean;
  identity?: PatientIdentity;
  /** Chinese summary when nothing was read. */
  idleMessage?: string;
}

export interface ReaderSession {
  readonly isOpen: boolean;
  read(): Promise<PatientIdentity>;
  /** For the setup screen's test read: reads if a card is there, else reports the reader is fine. */
  probe(): Promise<Probe>;
  close(): Promise<void>;
}

export interface SessionDeps {
  now(): Date;
  hidOpener?: HidOpener;
  vendorDll?: SsCardDll;
  decoder: EVoucherDecoder;
  eVoucherContext: EVoucherContext;
  /** Called while a QR read waits (the simulated scanner presents a code then). */
  beforeScan?: () => void;
}

export async function openTransport(config: ReaderConfig, hidOpener?: HidOpener): Promise<ByteTransport> {
  if (!config.port) throw new DeviceError('READER_NOT_CONFIGURED', 'no port configured');
  if (config.transport === 'hid') return openHid(config.port, hidOpener);
  return openSerial({ path: config.port, baudRate: config.baudRate ?? 115200 });
}

export class SsCardSession implements ReaderSession {
  private readonly reader: Rsr1Client;

  constructor(
    transport: ByteTransport,
    private readonly deps: SessionDeps,
    timeoutMs?: number,
  ) {
    this.reader = new Rsr1Client(transport, { timeoutMs });
  }

  get isOpen(): boolean {
    return this.reader.isOpen;
  }

  async read(): Promise<PatientIdentity> {
    return fromSsCard(await readSsCard(this.reader), this.deps.now().toISOString());
  }

  async probe(): Promise<Probe> {
    const state = await this.reader.getStatus();
    if (state === 'none') return { cardPresent: false };
    return { cardPresent: true, identity: await this.read() };
  }

  close(): Promise<void> {
    return this.reader.close();
  }
}

export class IdCardSession implements ReaderSession {
  private readonly reader: Ga467Client;

  constructor(
    transport: ByteTransport,
    private readonly deps: SessionDeps,
    timeoutMs?: number,
  ) {
    this.reader = new Ga467Client(transport, { timeoutMs });
  }

  get isOpen(): boolean {
    return this.reader.isOpen;
  }

  async read(): Promise<PatientIdentity> {
    return fromIdCard(await this.reader.read(), this.deps.now().toISOString());
  }

  async probe(): Promise<Probe> {
    if (!(await this.reader.samOk())) throw new DeviceError('READER_PROTOCOL', 'SAM status not OK');
    try {
      return { cardPresent: true, identity: await this.read() };
    } catch (err) {
      if (err instanceof DeviceError && err.code === 'IDCARD_NOT_PRESENT') {
        return { cardPresent: false, idleMessage: '身份证阅读器连接正常，未放置身份证' };
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return this.reader.close();
  }
}

export class EVoucherSession implements ReaderSession {
  private readonly scanner: QrScanner;

  constructor(
    transport: ByteTransport,
    private readonly deps: SessionDeps,
    private readonly scanTimeoutMs = 20_000,
  ) {
    this.scanner = new QrScanner(transport);
  }

  get isOpen(): boolean {
    return this.scanner.isOpen;
  }

  async read(timeoutMs = this.scanTimeoutMs): Promise<PatientIdentity> {
    this.scanner.discardPending();
    const scan = this.scanner.nextScan(timeoutMs);
    this.deps.beforeScan?.();
    const code = await scan;
    const record = await this.deps.decoder.decode(code, this.deps.eVoucherContext).catch((err: unknown) => {
      if (err instanceof DeviceError) throw err;
      throw new DeviceError('EVOUCHER_SERVICE', `decoder failed: ${(err as Error).message}`);
    });
    return fromEVoucher(record, this.deps.now().toISOString());
  }

  async probe(): Promise<Probe> {
    try {
      return { cardPresent: true, identity: await this.read(Math.min(this.scanTimeoutMs, 10_000)) };
    } catch (err) {
      if (err instanceof DeviceError && err.code === 'SCAN_TIMEOUT') {
        return { cardPresent: false, idleMessage: '扫码枪端口已打开，测试期间未收到扫码' };
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return this.scanner.close();
  }
}

export class VendorDllSession implements ReaderSession {
  readonly isOpen = true;

  constructor(
    private readonly dll: SsCardDll,
    private readonly deps: SessionDeps,
  ) {}

  async read(): Promise<PatientIdentity> {
    return fromSsCard(await readSsCardViaDll(this.dll), this.deps.now().toISOString());
  }

  async probe(): Promise<Probe> {
    try {
      return { cardPresent: true, identity: await this.read() };
    } catch (err) {
      if (err instanceof DeviceError && err.code === 'CARD_NOT_PRESENT') return { cardPresent: false };
      throw err;
    }
  }

  async close(): Promise<void> {}
}
