// The simulator's journal: one JSON line per applied message (time, envelope, first answer),
// preceded by a header line naming the simulator instance, so a restart replays the same books.
import fs from 'node:fs';
import { writeAll } from '../../store/files';
import path from 'node:path';
import crypto from 'node:crypto';

export interface JournalEntry {
  at: string;
  env: Record<string, unknown>;
  answer: string;
}

export interface Journal {
  instance: string;
  entries: JournalEntry[];
  append(at: Date, env: Record<string, unknown>, answer: string): void;
  close(): void;
}

export function openJournal(file: string): Journal {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let instance = '';
  const entries: JournalEntry[] = [];
  if (fs.existsSync(file)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
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
      const r = rec as { instance?: string } & Partial<JournalEntry>;
      if (r.instance) instance = r.instance;
      else if (r.env && typeof r.answer === 'string' && r.at) entries.push(r as JournalEntry);
    }
  }
  if (!instance) {
    instance = String(crypto.randomInt(0, 100)).padStart(2, '0');
    fs.appendFileSync(file, JSON.stringify({ instance }) + '\n');
  }
  const fd = fs.openSync(file, 'a');
  let size = fs.fstatSync(fd).size;
  return {
    instance,
    entries,
    append(at, env, answer) {
      const line = Buffer.from(JSON.stringify({ at: at.toISOString(), env, answer }) + '\n');
      try {
        writeAll(fd, line);
      } catch (err) {
        // A full disk: take back the part written, so no torn line is left in the middle of the file.
        fs.ftruncateSync(fd, size);
        throw err;
      }
      size += line.length;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
