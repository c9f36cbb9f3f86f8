// The audit area: the keyed hash-chained log, the dispatcher's audit sink, the `audit` service for
// other areas, the audit.* calls (list, verify) for technicians, and the chain's anchors outside
// its table: the head file kept current after appends, and one next to every backup.
import type { AppContext } from '../platform/context';
import type { Dispatcher } from '../api/dispatch';
import type { AuditEntryView } from '../api/contract';
import { int, none, obj, optional } from '../api/validate';
import { AuditLog, type AuditAnchor, type AuditEntry, type AuditEntryInput } from './log';
import { actionLabel } from './labels';
import { ensureAuditKey } from './key';
import { ANCHOR_SUFFIX, anchorRecord, collectAnchors, headFilePath, writeAnchorFile } from './anchors';

/** The audit service other areas are given (electron/app/areas.ts). */
export interface AuditService {
  append(entry: AuditEntryInput): AuditEntry;
  /** The chain's committed head, for the day's summary. */
  anchor(): AuditAnchor;
}

export function entryView(e: AuditEntry): AuditEntryView {
  return { seq: e.seq, at: e.at, action: e.action, actionLabel: actionLabel(e.action), operatorId: e.operatorId, channel: e.channel, summary: e.summary, hash: e.hash };
}

/** The log with the installation's key (made on first start); a key sealed elsewhere is logged. */
function openLog(ctx: AppContext): { log: AuditLog; key?: Buffer } {
  const probe = new AuditLog(ctx.db, ctx.now);
  const state = ensureAuditKey(ctx.dataDir, () => probe.anchor().count + 1);
  if (state.state === 'ok') return { log: new AuditLog(ctx.db, ctx.now, state.key), key: state.key.key };
  const since = state.state === 'sealed' ? state.since : undefined;
  if (state.state === 'sealed') ctx.log.error(`audit: ${state.reason}; entries written now cannot be keyed and will not verify`);
  return { log: new AuditLog(ctx.db, ctx.now, undefined, since) };
}

export interface AuditDeps {
  /** Registers a hook called with every fresh backup file (its anchor goes beside it). */
  onBackup(hook: (file: string) => void): void;
}

export function installAudit(ctx: AppContext, d: Dispatcher, deps: AuditDeps): AuditService {
  const { log, key } = openLog(ctx);
  const record = () => anchorRecord(ctx.storeId, log.anchor(), ctx.now(), key);
  const writeHead = () => {
    try {
      writeAnchorFile(headFilePath(ctx.dataDir), record());
    } catch (err) {
      ctx.log.error(`audit head file not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // After appends, once the caller's transaction has committed (the head never runs ahead of it).
  let pending: NodeJS.Immediate | undefined;
  const headSoon = () => {
    if (!pending) pending = setImmediate(() => ((pending = undefined), writeHead()));
  };
  ctx.onClose(() => {
    if (pending) clearImmediate(pending);
    pending = undefined;
    writeHead();
  });
  const append = (e: AuditEntryInput) => {
    const entry = log.append(e);
    headSoon();
    return entry;
  };
  deps.onBackup((file) => writeAnchorFile(`${file}${ANCHOR_SUFFIX}`, record()));
  d.setAuditSink((r) => {
    try {
      append(r);
    } catch (err) {
      ctx.log.error(`audit append failed for ${r.action}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  d.register('audit.list', {
    role: 'technician',
    input: obj({ limit: optional(int({ min: 1, max: 500 })), beforeSeq: optional(int({ min: 1 })) }),
    run: (i) => log.list({ limit: i.limit ?? 100, beforeSeq: i.beforeSeq }).map(entryView),
  });
  d.register('audit.verify', { role: 'technician', input: none(), run: () => log.verify(collectAnchors(ctx.dataDir, ctx.storeId, key)) });
  return { append, anchor: () => log.anchor() };
}
