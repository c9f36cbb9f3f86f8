// The watched folder: every file that is complete (see complete.ts) is imported whole (all its
// visits in one transaction) and moved to done/, or moved to failed/ with a reason file next to
// it. A file's content hash is recorded in the same transaction as its visits, so a file is never
// imported twice (a crash between the commit and the move only repeats the move). A file larger
// than the setup's limit fails without being read; a file with a bad name fails alone under a
// safe name; an unexpected error on one file never stops the others.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/db';
import type { SettingsRepo } from '../../store/settings';
import type { AppLogger } from '../../platform/logger';
import { sha256 } from '../canonical';
import type { HisVisits } from '../service';
import { readCsv, visitsFromCsv, visitsFromJson, type DropSetup } from './mapping';
import type { Result } from '../../core/result';
import type { HisVisitInput } from '../types';
import { chinaStamp } from '../../core/time';
import * as v from 'valibot';
import { VISIT_TYPES, type VisitType } from '../types';
import { DEFAULT_DROP_SUBFOLDER, dropFolderProblem } from './folder';
import { CompletenessTracker, openForWriting } from './complete';
import { checkName, displayName, safeNameFor } from './names';

export const DROP_KEY = 'his.drop';

/** The drop setup as stored (his.drop.set checked it; fields left out take their defaults). */
const StoredDropSetupSchema = v.partial(v.object({
  folder: v.string(),
  enabled: v.boolean(),
  columns: v.record(v.string(), v.string()),
  visitTypeValues: v.record(v.string(), v.picklist(VISIT_TYPES as readonly VisitType[])),
  diagnosisSeparator: v.string(),
  maxFileMB: v.number(),
}));
const IGNORED = /^[.~]|\.(tmp|part|partial|filepart|crdownload|swp|lock)$/i;
const SUPPORTED = /\.(csv|txt|json)$/i;

export interface DropOutcome {
  file: string;
  outcome: 'done' | 'failed' | 'duplicate';
  visits: number;
  reason?: string;
}

export interface ProcessedFile {
  fileName: string;
  outcome: 'done' | 'failed';
  visits: number;
  reason?: string;
  processedAt: string;
}

export const DEFAULT_MAX_FILE_MB = 20;

export function defaultDropSetup(dataDir: string): DropSetup {
  return { folder: path.join(dataDir, DEFAULT_DROP_SUBFOLDER), enabled: true, columns: {}, visitTypeValues: {}, diagnosisSeparator: ';', maxFileMB: DEFAULT_MAX_FILE_MB };
}

export interface WatcherOptions {
  intervalMs?: number;
  /** How long a file's size and time must stay the same (and over two scans at least). */
  stableMs?: number;
  /** Milliseconds, monotonic (tests pass their own). */
  clock?: () => number;
  openForWriting?: (files: string[]) => Set<string>;
}

interface Listed {
  /** The path to open (a Buffer when the name is not valid text). */
  file: string | Buffer;
  raw: Buffer;
}

export class DropWatcher {
  private timer?: NodeJS.Timeout;
  private busy = false;
  private refusedFolder?: string;
  private readonly tracker: CompletenessTracker;
  /** Files whose unexpected failure was logged, with the size:time it had (logged once each). */
  private readonly troubled = new Map<string, string>();

  constructor(
    private readonly deps: { db: Db; settings: SettingsRepo; log: AppLogger; service: HisVisits; dataDir: string; now: () => Date },
    private readonly opts: WatcherOptions = {},
  ) {
    this.tracker = new CompletenessTracker(opts.clock ?? (() => performance.now()), opts.stableMs ?? 2000);
  }

  setup(): DropSetup {
    return { ...defaultDropSetup(this.deps.dataDir), ...(this.deps.settings.read(DROP_KEY, StoredDropSetupSchema) ?? {}) };
  }

  /** Why `folder` cannot be the drop folder (the data folder, above it, or inside it), or undefined. */
  folderProblem(folder: string): string | undefined {
    return dropFolderProblem(folder, this.deps.dataDir);
  }

  start(): void {
    this.timer = setInterval(() => void this.scan().catch((err) => this.deps.log.error(`his drop scan failed: ${String(err)}`)), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Files waiting in the folder (not yet complete or not yet scanned); bad names shown escaped. */
  pending(): string[] {
    const { folder } = this.setup();
    return this.list(folder)
      .map((e) => {
        const c = checkName(e.raw);
        return c.ok ? c.name : c.shown;
      })
      .filter((n) => !IGNORED.test(n))
      .sort();
  }

  private list(folder: string): Listed[] {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return [];
    }
    const prefix = Buffer.from(folder.endsWith(path.sep) ? folder : folder + path.sep);
    return entries.filter((e) => e.isFile()).map((e) => {
      const c = checkName(e.name);
      return { raw: e.name, file: c.ok ? path.join(folder, c.name) : Buffer.concat([prefix, e.name]) };
    });
  }

  recent(limit = 20): ProcessedFile[] {
    return (this.deps.db.prepare('SELECT file_name, outcome, visits, reason, processed_at FROM his_drop_files ORDER BY processed_at DESC LIMIT ?').all(limit) as {
      file_name: string; outcome: 'done' | 'failed'; visits: number; reason: string | null; processed_at: string;
    }[]).map((r) => ({ fileName: r.file_name, outcome: r.outcome, visits: r.visits, processedAt: r.processed_at, ...(r.reason ? { reason: r.reason } : {}) }));
  }

  /** One pass over the folder: imports every complete file. Returns what was done. */
  async scan(): Promise<DropOutcome[]> {
    const setup = this.setup();
    if (!setup.enabled || this.busy) return [];
    const problem = this.folderProblem(setup.folder);
    if (problem) {
      // A folder stored before this rule (or written around it) is never scanned; said once.
      if (this.refusedFolder !== setup.folder) this.deps.log.error(`his drop: folder ${JSON.stringify(setup.folder)} not scanned: it is, holds or lies inside the data folder`);
      this.refusedFolder = setup.folder;
      return [];
    }
    this.busy = true;
    try {
      for (const sub of ['', 'done', 'failed']) fs.mkdirSync(path.join(setup.folder, sub), { recursive: true });
      const out: DropOutcome[] = [];
      const ready: { file: string; st: fs.Stats }[] = [];
      const listed = this.list(setup.folder);
      this.tracker.keepOnly(new Set(listed.map((e) => String(e.file))));
      for (const e of listed) {
        if (typeof e.file !== 'string') {
          this.guard(e.raw, undefined, () => out.push(this.failBadName(e.file as Buffer, e.raw, setup)));
          continue;
        }
        if (IGNORED.test(path.basename(e.file))) continue;
        const st = statOrUndefined(e.file);
        if (st && this.tracker.observe(e.file, st)) ready.push({ file: e.file, st });
      }
      const busy = (this.opts.openForWriting ?? openForWriting)(ready.map((r) => r.file));
      for (const { file, st } of ready) {
        if (busy.has(file)) {
          this.tracker.forget(file); // still being written: two more quiet scans after it closes
          continue;
        }
        this.guard(Buffer.from(path.basename(file)), st, () => {
          const r = this.processFile(file, setup, st);
          if (r) out.push(r);
        });
      }
      return out;
    } finally {
      this.busy = false;
    }
  }

  /** Runs one file's step; an unexpected error is logged once (per file and size:time) and the scan goes on. */
  private guard(raw: Buffer, st: fs.Stats | undefined, step: () => void): void {
    try {
      step();
    } catch (err) {
      const key = raw.toString('hex');
      const sig = st ? `${st.size}:${st.mtimeMs}` : '';
      if (this.troubled.get(key) === sig) return;
      this.troubled.set(key, sig);
      this.deps.log.error(`his drop: ${displayName(raw.toString('utf8'))} not processed: ${displayName(err instanceof Error ? err.message : String(err))}`);
    }
  }

  /** A file whose name is bad fails alone: moved to failed/ under a safe name, with the reason. */
  private failBadName(file: Buffer, raw: Buffer, setup: DropSetup): DropOutcome {
    const c = checkName(raw);
    const reason = c.ok ? '' : c.reason;
    const shown = c.ok ? c.name : c.shown;
    const safe = safeNameFor(raw.toString('utf8'), chinaStamp(this.deps.now()));
    this.record(sha256(Buffer.concat([Buffer.from('bad-name|'), raw])), shown, 'failed', 0, reason);
    this.move(file, setup, 'failed', `导入失败：${reason}\n原文件名：${shown}\n时间：${this.deps.now().toISOString()}\n请改用简短的文件名（不含换行等特殊字符）后重新放入接收文件夹。`, safe);
    this.deps.log.warn(`his drop: a file with a bad name failed: "${shown}" (moved to failed/ as ${safe})`);
    return { file: shown, outcome: 'failed', visits: 0, reason };
  }

  private parse(name: string, buf: Buffer, setup: DropSetup): Result<HisVisitInput[]> {
    if (/\.json$/i.test(name)) return visitsFromJson(buf);
    const csv = readCsv(buf);
    return csv.ok ? visitsFromCsv(csv.value, setup) : csv;
  }

  /** Imports one complete file; undefined when it changed since it was seen (it waits for the next scans). */
  processFile(file: string, setup: DropSetup, seen?: fs.Stats): DropOutcome | undefined {
    const name = path.basename(file);
    this.tracker.forget(file);
    const st = seen ?? statOrUndefined(file);
    if (!st) return undefined;
    const limitMB = setup.maxFileMB ?? DEFAULT_MAX_FILE_MB;
    if (st.size > limitMB * 1024 * 1024) {
      const mb = (st.size / 1024 / 1024).toFixed(1);
      const key = sha256(`too-large|${name}|${st.size}|${st.mtimeMs}`);
      return this.failed(file, setup, key, `文件过大（${mb} MB），超过设置的上限 ${limitMB} MB；请让 HIS 分批导出，或在系统设置中调高上限`);
    }
    let buf: Buffer;
    try {
      buf = readUpTo(file, st.size + 1);
    } catch (err) {
      return { file: name, outcome: 'failed', visits: 0, reason: `无法读取：${displayName(String(err))}` };
    }
    if (buf.length !== st.size) return undefined;
    const hash = sha256(buf);
    const prior = this.deps.db.prepare("SELECT file_name, processed_at FROM his_drop_files WHERE sha256 = ? AND outcome = 'done'").get(hash) as { file_name: string; processed_at: string } | undefined;
    if (prior) {
      const note = prior.file_name === name ? undefined : `内容与 ${prior.file_name}（${prior.processed_at} 已导入）完全相同，未重复导入。`;
      this.move(file, setup, 'done', note);
      return { file: name, outcome: 'duplicate', visits: 0, ...(note ? { reason: note } : {}) };
    }
    const parsed = SUPPORTED.test(name) ? this.parse(name, buf, setup) : ({ ok: false, error: { code: 'UNSUPPORTED_FILE', message: '不支持的文件类型（只接受 .csv、.txt、.json）' } } as const);
    if (!parsed.ok) return this.failed(file, setup, hash, parsed.error.message);
    const stored = this.deps.service.receiveAll(parsed.value, 'drop', () => this.record(hash, name, 'done', parsed.value.length, undefined));
    if (!stored.ok) return this.failed(file, setup, hash, stored.error.message);
    this.move(file, setup, 'done');
    this.deps.log.info(`his drop: imported ${parsed.value.length} visits from ${displayName(name)}`);
    return { file: name, outcome: 'done', visits: parsed.value.length };
  }

  private failed(file: string, setup: DropSetup, hash: string, reason: string): DropOutcome {
    const name = path.basename(file);
    this.record(hash, name, 'failed', 0, reason);
    this.move(file, setup, 'failed', `导入失败：${reason}\n文件：${displayName(name)}\n时间：${this.deps.now().toISOString()}\n改正后请重新放入 ${setup.folder}。`);
    this.deps.log.warn(`his drop: ${displayName(name)} failed: ${displayName(reason)}`);
    return { file: name, outcome: 'failed', visits: 0, reason };
  }

  private record(hash: string, name: string, outcome: 'done' | 'failed', visits: number, reason: string | undefined): void {
    this.deps.db
      .prepare('INSERT OR REPLACE INTO his_drop_files (sha256, file_name, outcome, visits, reason, processed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hash, name, outcome, visits, reason ?? null, this.deps.now().toISOString());
  }

  /** Moves into done/ or failed/ under a free name (`asName` when its own is bad); a reason file (UTF-8 with BOM) goes next to it. */
  private move(file: string | Buffer, setup: DropSetup, sub: 'done' | 'failed', note?: string, asName?: string): void {
    const dir = path.join(setup.folder, sub);
    const own = asName ?? path.basename(String(file));
    const ext = path.extname(own);
    const base = path.basename(own, ext);
    let target = path.join(dir, base + ext);
    for (let i = 1; fs.existsSync(target); i++) target = path.join(dir, `${base}-${i}${ext}`);
    if (note) fs.writeFileSync(`${target}.reason.txt`, '\uFEFF' + note + '\n');
    fs.renameSync(file, target);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

/** Reads at most `max` bytes of a file (never more than that into memory). */
function readUpTo(file: string, max: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(max);
    let got = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, got, max - got, got);
      if (n === 0 || got + n >= max) return buf.subarray(0, got + n);
      got += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}
