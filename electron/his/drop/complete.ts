// When a dropped file is complete: its size and modification time unchanged over at least two
// scans and at least `stableMs` (clock of the watcher, so tests need not sleep), and no process
// holding it open for writing where the operating system can tell (Linux: /proc/*/fd with the
// open flags in /proc/*/fdinfo; Windows: an exclusive open attempt fails while the writer has it).
import fs from 'node:fs';
import path from 'node:path';

interface Sighting {
  sig: string;
  since: number;
  scans: number;
}

export class CompletenessTracker {
  private readonly seen = new Map<string, Sighting>();

  constructor(private readonly clock: () => number, private readonly stableMs = 2000) {}

  /** Records a sighting; true once the same size and time were seen twice, `stableMs` apart. */
  observe(file: string, st: { size: number; mtimeMs: number }): boolean {
    const sig = `${st.size}:${st.mtimeMs}`;
    const now = this.clock();
    const cur = this.seen.get(file);
    if (!cur || cur.sig !== sig) {
      this.seen.set(file, { sig, since: now, scans: 1 });
      return false;
    }
    cur.scans++;
    return cur.scans >= 2 && now - cur.since >= this.stableMs;
  }

  forget(file: string): void {
    this.seen.delete(file);
  }

  /** Drops sightings of files no longer in the folder. */
  keepOnly(files: Set<string>): void {
    for (const f of this.seen.keys()) if (!files.has(f)) this.seen.delete(f);
  }
}

const O_ACCMODE = 3;

/** Linux: the files among `files` that some process (this one included) has open for writing. */
function openForWritingLinux(files: string[]): Set<string> {
  const wanted = new Map(files.map((f) => [realOrSame(f), f]));
  const busy = new Set<string>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return busy;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's process we may not look into
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const file = wanted.get(target);
      if (!file || busy.has(file)) continue;
      if (writeMode(pid, fd)) busy.add(file);
    }
  }
  return busy;
}

function writeMode(pid: string, fd: string): boolean {
  try {
    const m = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
    return m ? (parseInt(m[1], 8) & O_ACCMODE) !== 0 : true;
  } catch {
    return false;
  }
}

function realOrSame(f: string): string {
  try {
    return fs.realpathSync.native(f);
  } catch {
    return path.resolve(f);
  }
}

/** Windows: a writer that does not share writing makes our read-write open fail. */
function openForWritingWindows(files: string[]): Set<string> {
  const busy = new Set<string>();
  for (const f of files) {
    try {
      fs.closeSync(fs.openSync(f, 'r+'));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') busy.add(f);
    }
  }
  return busy;
}

/** The files among `files` that are open for writing, as far as this system can tell. */
export function openForWriting(files: string[], platform = process.platform): Set<string> {
  if (!files.length) return new Set();
  if (platform === 'linux') return openForWritingLinux(files);
  if (platform === 'win32') return openForWritingWindows(files);
  return new Set();
}
