// The watched folder: every file that has stopped growing is imported whole (all its visits in one
// transaction) and moved to done/, or moved to failed/ with a reason file next to it. A file's
// content hash is recorded in the same transaction as its visits, so a file is never imported
// twice (a crash between the commit and the move only repeats the move).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/db';
import type { SettingsRepo } from '../../store/settings';
import type { AppLogger } from '../../app/logger';
import { sha256 } from '../canonical';
import type { HisVisits } from '../service';
import { readCsv, visitsFromCsv, visitsFromJson, type DropSetup } from './mapping';
import type { Result } from '../../core/result';
import type { HisVisitInput } from '../types';
import { DEFAULT_DROP_SUBFOLDER, dropFolderProblem } from './folder';

export const DROP_KEY = 'his.drop';
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

export function defaultDropSetup(dataDir: string): DropSetup {
  return { folder: path.join(dataDir, DEFAULT_DROP_SUBFOLDER), enabled: true, columns: {}, visitTypeValues: {}, diagnosisSeparator: ';' };
}

export class DropWatcher {
  private timer?: NodeJS.Timeout;
  private busy = false;
  private readonly seen = new Map<string, string>();
  private refusedFolder?: string;

  constructor(
    private readonly deps: { db: Db; settings: SettingsRepo; log: AppLogger; service: HisVisits; dataDir: string; now: () => Date },
    private readonly opts: { intervalMs?: number; stableMs?: number } = {},
  ) {}

  setup(): DropSetup {
    return { ...defaultDropSetup(this.deps.dataDir), ...(this.deps.settings.get<Partial<DropSetup>>(DROP_KEY) ?? {}) };
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

  /** Files waiting in the folder (not yet stable or not yet scanned). */
  pending(): string[] {
    const { folder } = this.setup();
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile() && !IGNORED.test(e.name)).map((e) => e.name).sort();
  }

  recent(limit = 20): ProcessedFile[] {
    return (this.deps.db.prepare('SELECT file_name, outcome, visits, reason, processed_at FROM his_drop_files ORDER BY processed_at DESC LIMIT ?').all(limit) as {
      file_name: string; outcome: 'done' | 'failed'; visits: number; reason: string | null; processed_at: string;
    }[]).map((r) => ({ fileName: r.file_name, outcome: r.outcome, visits: r.visits, processedAt: r.processed_at, ...(r.reason ? { reason: r.reason } : {}) }));
  }

  /** One pass over the folder: imports every stable file. Returns what was done. */
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
      for (const name of this.pending()) {
        const file = path.join(setup.folder, name);
        if (!this.stable(file)) continue;
        out.push(this.processFile(file, setup));
      }
      return out;
    } finally {
      this.busy = false;
    }
  }

  private stable(file: string): boolean {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return false;
    }
    const sig = `${st.size}:${st.mtimeMs}`;
    const before = this.seen.get(file);
    this.seen.set(file, sig);
    const quiet = Date.now() - st.mtimeMs >= (this.opts.stableMs ?? 2000);
    return quiet || before === sig;
  }

  private parse(name: string, buf: Buffer, setup: DropSetup): Result<HisVisitInput[]> {
    if (/\.json$/i.test(name)) return visitsFromJson(buf);
    const csv = readCsv(buf);
    return csv.ok ? visitsFromCsv(csv.value, setup) : csv;
  }

  processFile(file: string, setup: DropSetup): DropOutcome {
    const name = path.basename(file);
    this.seen.delete(file);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (err) {
      return { file: name, outcome: 'failed', visits: 0, reason: `无法读取：${String(err)}` };
    }
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
    this.deps.log.info(`his drop: imported ${parsed.value.length} visits from ${name}`);
    return { file: name, outcome: 'done', visits: parsed.value.length };
  }

  private failed(file: string, setup: DropSetup, hash: string, reason: string): DropOutcome {
    const name = path.basename(file);
    this.record(hash, name, 'failed', 0, reason);
    this.move(file, setup, 'failed', `导入失败：${reason}\n文件：${name}\n时间：${this.deps.now().toISOString()}\n改正后请重新放入 ${setup.folder}。`);
    this.deps.log.warn(`his drop: ${name} failed: ${reason}`);
    return { file: name, outcome: 'failed', visits: 0, reason };
  }

  private record(hash: string, name: string, outcome: 'done' | 'failed', visits: number, reason: string | undefined): void {
    this.deps.db
      .prepare('INSERT OR REPLACE INTO his_drop_files (sha256, file_name, outcome, visits, reason, processed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hash, name, outcome, visits, reason ?? null, this.deps.now().toISOString());
  }

  /** Moves into done/ or failed/ under a free name; a reason file (UTF-8 with BOM) goes next to it. */
  private move(file: string, setup: DropSetup, sub: 'done' | 'failed', note?: string): void {
    const dir = path.join(setup.folder, sub);
    const ext = path.extname(file);
    const base = path.basename(file, ext);
    let target = path.join(dir, base + ext);
    for (let i = 1; fs.existsSync(target); i++) target = path.join(dir, `${base}-${i}${ext}`);
    if (note) fs.writeFileSync(`${target}.reason.txt`, '\uFEFF' + note + '\n');
    fs.renameSync(file, target);
  }
}
