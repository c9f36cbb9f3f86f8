// The audit area: the hash-chained log, the dispatcher's audit sink, the `audit` service for
// other areas, and the audit.* calls (list, verify) for technicians.
import type { AppContext } from '../app/context';
import type { Dispatcher } from '../api/dispatch';
import type { AreaRegistry } from '../app/areas';
import type { AuditEntryView } from '../api/contract';
import { int, none, obj, optional } from '../api/validate';
import { AuditLog, type AuditEntry, type AuditEntryInput } from './log';
import { actionLabel } from './labels';

/** The service other areas take from `registry.services.get('audit')`. */
export interface AuditService {
  append(entry: AuditEntryInput): AuditEntry;
}

export function entryView(e: AuditEntry): AuditEntryView {
  return { seq: e.seq, at: e.at, action: e.action, actionLabel: actionLabel(e.action), operatorId: e.operatorId, channel: e.channel, summary: e.summary, hash: e.hash };
}

export function installAudit(ctx: AppContext, d: Dispatcher, registry: AreaRegistry): AuditLog {
  const log = new AuditLog(ctx.db, ctx.now);
  const service: AuditService = { append: (e) => log.append(e) };
  registry.services.set('audit', service);
  d.setAuditSink((record) => {
    try {
      log.append(record);
    } catch (err) {
      ctx.log.error(`audit append failed for ${record.action}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  d.register('audit.list', {
    role: 'technician',
    input: obj({ limit: optional(int({ min: 1, max: 500 })), beforeSeq: optional(int({ min: 1 })) }),
    run: (i) => log.list({ limit: i.limit ?? 100, beforeSeq: i.beforeSeq }).map(entryView),
  });
  d.register('audit.verify', { role: 'technician', input: none(), run: () => log.verify() });
  return log;
}
