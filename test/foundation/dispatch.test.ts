import { describe, expect, it } from 'vitest';
import { Dispatcher, type AuditRecord, type Session } from '../../electron/api/dispatch';
import { AppFailure } from '../../electron/core/result';
import { institutionInput } from '../../electron/app/foundation';
import { none } from '../../electron/api/validate';
import { silentLogger } from '../../electron/platform/logger';

const cashier: Session = { token: 't', operatorId: 'c1', operatorName: '收费员', role: 'cashier' };
const tech: Session = { ...cashier, operatorId: 't1', role: 'technician' };

function dispatcher() {
  const d = new Dispatcher(silentLogger);
  const audits: AuditRecord[] = [];
  d.setAuditSink((r) => audits.push(r));
  const inst = { code: 'H1', name: '卫生院', level: 'township' as const, region: '370303', terminalNo: '01' };
  d.register('setup.institution.set', { role: 'technician', input: institutionInput, audit: (i) => `set ${i.code}`, run: (i) => i });
  d.register('setup.institution.get', { role: 'any', input: none(), run: () => inst });
  d.register('setup.backup', {
    role: 'technician',
    input: none(),
    run: () => {
      throw new AppFailure({ code: 'DISK_FULL', message: '磁盘已满', detail: 'ENOSPC' });
    },
  });
  d.register('setup.backups', {
    role: 'technician',
    input: none(),
    run: () => {
      throw new Error('boom');
    },
  });
  return { d, audits, inst };
}

describe('dispatcher', () => {
  it('enforces roles: any needs a login, technician calls refuse cashiers', async () => {
    const { d, inst } = dispatcher();
    expect(await d.dispatch('setup.institution.get', undefined, { channel: 'http' })).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    expect(await d.dispatch('setup.institution.get', undefined, { channel: 'http', session: cashier })).toEqual({ ok: true, value: inst });
    expect(await d.dispatch('setup.institution.set', inst, { channel: 'ipc', session: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('validates input and names the field, in Chinese', async () => {
    const { d } = dispatcher();
    const bad = await d.dispatch('setup.institution.set', { code: 'H1', name: 'x', level: 'moon', region: '370303', terminalNo: '01' }, { channel: 'ipc', session: tech });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'level' } });
    const extra = await d.dispatch('setup.institution.set', { code: 'H1', name: 'x', level: 'township', region: '370303', terminalNo: '01', evil: 1 }, { channel: 'ipc', session: tech });
    expect(extra).toMatchObject({ ok: false, error: { field: 'evil' } });
  });

  it('audits successful audited calls only, with the operator', async () => {
    const { d, audits, inst } = dispatcher();
    await d.dispatch('setup.institution.set', { ...inst, level: 'moon' }, { channel: 'ipc', session: tech });
    expect(audits).toHaveLength(0);
    await d.dispatch('setup.institution.set', inst, { channel: 'ipc', session: tech });
    expect(audits).toEqual([{ action: 'setup.institution.set', operatorId: 't1', channel: 'ipc', summary: 'set H1' }]);
  });

  it('turns failures into errors: AppFailure keeps its message, anything else is INTERNAL', async () => {
    const { d } = dispatcher();
    expect(await d.dispatch('setup.backup', undefined, { channel: 'ipc', session: tech })).toEqual({ ok: false, error: { code: 'DISK_FULL', message: '磁盘已满' } });
    const internal = await d.dispatch('setup.backups', undefined, { channel: 'ipc', session: tech });
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('boom');
  });
});
