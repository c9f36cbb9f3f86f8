// The app's reader service: simulated readers, real ptys, hot-plug, errors in Chinese.
import { describe, expect, it } from 'vitest';
import { ReaderService } from '../../electron/devices';
import { demoPerson, ssCardContent } from '../../electron/devices/demo-cards';
import { FakeHidDevice } from '../../native/sim/fake-hid';
import { Rsr1ReaderSim } from '../../native/sim/rsr1-reader';
import { SimSsCard } from '../../native/sim/sscard';
import { onCleanup, ptyPair, serial, serveQr, serveSsCard } from './helpers';
import { until } from '../wait';

function service(opts: ConstructorParameters<typeof ReaderService>[0] = {}): ReaderService {
  const s = new ReaderService({ now: () => new Date('2026-03-01T08:00:00Z'), ...opts });
  onCleanup(() => s.close());
  return s;
}

describe('ReaderService, simulated reader (browser mode)', () => {
  it('reads a demo social security card in one call', async () => {
    const s = service();
    expect((await s.configure({ type: 'simulated', simulatedCard: 'ssCard', simulatedPerson: 'employee' })).ok).toBe(true);
    const r = await s.read();
    if (!r.ok) throw new Error(r.error.detail);
    const p = demoPerson('employee');
    expect(r.value).toMatchObject({
      source: 'ssCard',
      name: p.name,
      idNumber: p.idNumber,
      cardNumber: p.card.cardNumber,
      cardId: p.card.cardId,
      certType: '03',
      certNo: p.card.cardNumber,
      cardSn: p.card.cardId,
      readAt: '2026-03-01T08:00:00.000Z',
    });
    expect(s.status()).toMatchObject({ configured: true, connected: true, busy: false, lastError: undefined });
  });

  it('reads an ID card and an e-voucher, and switches persons', async () => {
    const s = service();
    await s.configure({ type: 'simulated', simulatedCard: 'idCard' });
    const id = await s.read();
    expect(id.ok && id.value).toMatchObject({ source: 'idCard', certType: '02', name: '张建国' });
    expect((await s.read()).ok).toBe(true);
    await s.configure({ type: 'simulated', simulatedCard: 'eVoucher' });
    s.simulator()?.insert('disabled');
    const ev = await s.read();
    expect(ev.ok && ev.value).toMatchObject({ source: 'eVoucher', certType: '01', name: '陈永明', nation: '03' });
    expect(ev.ok && ev.value.ecToken).toMatch(/^[0-9A-F]{40}$/);
  });

  it('explains failures in Chinese and recovers', async () => {
    const s = service();
    const none = await s.read();
    expect(!none.ok && none.error).toMatchObject({ code: 'READER_NOT_CONFIGURED' });
    const bad = await s.configure({ type: 'ssCard', transport: 'serial' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'VALIDATION', field: 'port' });
    await s.configure({ type: 'simulated' });
    s.simulator()?.remove();
    const r = await s.read();
    expect(!r.ok && r.error).toMatchObject({ code: 'CARD_NOT_PRESENT', message: '未检测到卡片，请插卡' });
    expect(s.status().lastError?.code).toBe('CARD_NOT_PRESENT');
    s.simulator()?.insert('poor', { mute: true });
    const mute = await s.read();
    expect(!mute.ok && mute.error.message).toContain('插反');
    s.simulator()?.insert('poor', { foreign: true });
    const foreign = await s.read();
    expect(!foreign.ok && foreign.error.code).toBe('CARD_UNKNOWN');
    s.simulator()?.insert('poor');
    const [a, b] = await Promise.all([s.read(), s.read()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(!a.ok ? a.error.code : !b.ok ? b.error.code : '').toBe('READER_BUSY');
    const test = await s.testRead();
    expect(test.ok && test.value).toMatchObject({ cardPresent: true, identity: { name: '张**' } });
  });
});

describe('ReaderService on real ports', () => {
  it('reads over a pty, survives the reader being unplugged and replugged', async () => {
    const served = await serveSsCard('poor');
    const s = service();
    await s.configure({ type: 'ssCard', transport: 'serial', port: served.pty.host, timeoutMs: 200 });
    expect((await s.read()).ok).toBe(true);
    // Unplug: the pty pair goes away.
    await served.device.close();
    await served.pty.close();
    const gone = await s.read();
    expect(!gone.ok && gone.error).toMatchObject({ code: 'READER_NOT_CONNECTED' });
    expect(!gone.ok && gone.error.message).toContain('读卡器未连接');
    // Replug at the same port.
    const again = await ptyPair({ device: served.pty.device, host: served.pty.host });
    const sim = new Rsr1ReaderSim().attach(await serial(again.device));
    sim.insert(new SimSsCard(ssCardContent(demoPerson('lowIncome'))));
    const back = await s.read();
    expect(back.ok && back.value.name).toBe('李秀英');
  });

  it('test read without a card says the reader is fine', async () => {
    const served = await serveSsCard('');
    const s = service();
    await s.configure({ type: 'ssCard', transport: 'serial', port: served.pty.host });
    const t = await s.testRead();
    expect(t.ok && t.value).toMatchObject({ connected: true, cardPresent: false });
    const missing = service();
    await missing.configure({ type: 'idCard', transport: 'serial', port: served.pty.dir + '/absent' });
    const m = await missing.testRead();
    expect(!m.ok && m.error.code).toBe('READER_NOT_CONNECTED');
  });

  it('reads an e-voucher from a QR scanner on a pty', async () => {
    const served = await serveQr();
    const s = service();
    await s.configure({ type: 'qrScanner', transport: 'serial', port: served.pty.host, scanTimeoutMs: 3000 });
    const pending = s.read();
    // The read takes the first scan made after it began (earlier ones are stale): scan until it has one.
    let answered = false;
    void pending.then(() => (answered = true));
    while (!answered) {
      await served.sim.scan(demoPerson('anhuiPoor').eVoucherCode);
      await Promise.race([pending, new Promise((r) => setTimeout(r, 50))]);
    }
    const r = await pending;
    expect(r.ok && r.value).toMatchObject({ source: 'eVoucher', idNumber: '341122197006010918', insuOrg: '341122' });
  });

  it('reads over HID through an injected opener and lists ports without failing', async () => {
    const fake = new FakeHidDevice();
    new Rsr1ReaderSim().attach(fake.device).insert(new SimSsCard(ssCardContent(demoPerson('ordinary'))));
    let current = fake;
    const s = service({ hidOpener: async () => current });
    await s.configure({ type: 'ssCard', transport: 'hid', port: '/dev/hidraw9' });
    const r = await s.read();
    expect(r.ok && r.value.name).toBe('赵志强');
    // Unplugged, then replugged: the next read opens the new device.
    fake.unplug();
    await until(() => !s.status().connected, 'the service to see the reader gone');
    const gone = await s.read();
    expect(!gone.ok && gone.error.code).toBe('READER_NOT_CONNECTED');
    const replugged = new FakeHidDevice();
    new Rsr1ReaderSim().attach(replugged.device).insert(new SimSsCard(ssCardContent(demoPerson('poor'))));
    current = replugged;
    const back = await s.read();
    expect(back.ok && back.value.name).toBe('张建国');
    const ports = await s.listPorts();
    expect(ports.ok && Array.isArray(ports.value.serial)).toBe(true);
  });
});
