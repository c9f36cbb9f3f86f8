// The simulator's journal: one JSON line per answered message (instant, envelope as decoded,
// whether it applied, its answer or the file it served) and per inspection action, after a
// header naming the instance and the seed. A restart replays it into the same books. Instants
// are ISO strings (UTC); business days are derived in China time, so neither the host's time
// zone nor the date of the restart changes what is rebuilt.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface JournalEntry {
  at: string;
  env?: Record<string, unknown>;
  ok?: boolean;
  answer?: string | null;
  file?: string;
  admin?: AdminAction;
  /** For a token registration: the token and the person's key. */
  token?: string;
  key?: string;
}

export type AdminAction = 'endSignIns' | 'publishCatalog' | 'token';

export interface Journal {
  instance: string;
  seed: number;
  entries: JournalEntry[];
  append(e: JournalEntry): void;
  close(): void;
}

interface Header {
  journal: 'platform-simulator';
  instance: string;
  seed: number;
}

function readLines(file: string): { header?: Header; entries: JournalEntry[] } {
  if (!fs.existsSync(file)) return { entries: [] };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let header: Header | undefined;
  const entries: JournalEntry[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      // A torn last line (power cut while appending) is dropped; anything else is corruption.
      if (i >= lines.length - 2) break;
      throw new Error(`simulator journal ${file} line ${i + 1} is not JSON`);
    }
    const r = rec as Partial<Header> & JournalEntry;
    if (r.journal === 'platform-simulator') header = r as Header;
    else if (r.at && (r.env || r.admin)) entries.push(r);
  }
  return { header, entries };
}

/** Opens (or creates) a journal; an existing one keeps its own seed and instance. */
export function openJournal(file: string, seed: number): Journal {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { header, entries } = readLines(file);
  const head: Header = header ?? { journal: 'platform-simulator', instance: String(crypto.randomInt(10, 100)), seed };
  if (!header) fs.appendFileSync(file, `${JSON.stringify(head)}\n`);
  const fd = fs.openSync(file, 'a');
  return {
    instance: head.instance,
    seed: head.seed,
    entries,
    append(e) {
      fs.writeSync(fd, `${JSON.stringify(e)}\n`);
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
