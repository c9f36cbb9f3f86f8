// Names of dropped files. A name that is not valid UTF-8, holds control characters (a newline
// could forge a line of the log or the reason file) or is too long to get a ".reason.txt" next to
// it is a bad name: that file alone fails, under a safe name, and the others go on.
const MAX_NAME_BYTES = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The name as text, or why it is a bad name (Chinese). */
export function checkName(raw: Buffer): { ok: true; name: string } | { ok: false; reason: string; shown: string } {
  const name = raw.toString('utf8');
  const shown = displayName(name);
  if (!Buffer.from(name, 'utf8').equals(raw)) return { ok: false, reason: '文件名不是有效的 UTF-8 文本', shown };
  if (CONTROL.test(name)) return { ok: false, reason: '文件名含有换行或其他控制字符', shown };
  if (raw.length > MAX_NAME_BYTES) return { ok: false, reason: `文件名过长（${raw.length} 字节，最多 ${MAX_NAME_BYTES} 字节）`, shown };
  return { ok: true, name };
}

/** A one-line, bounded form of any name, for logs, reasons and lists (control characters escaped). */
export function displayName(name: string): string {
  const escaped = JSON.stringify(name).slice(1, -1);
  return escaped.length > 120 ? `${escaped.slice(0, 117)}...` : escaped;
}

/** A safe file name for a file whose own name is bad: "bad-name-<stamp>.<ext>" (ext kept when safe). */
export function safeNameFor(name: string, stamp: string): string {
  const m = /\.(csv|txt|json)$/i.exec(name);
  return `bad-name-${stamp}${m ? m[0].toLowerCase() : ''}`;
}
