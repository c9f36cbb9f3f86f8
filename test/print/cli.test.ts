// `cli receipt`: a case file to a receipt PDF or ESC/POS bytes, without the UI.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { caseFiles, pdfPages, pdfText, squash, tempDir } from './helpers';
import { lines, parseEscPos } from './escpos-parse';
import { textWidth } from '../../electron/print/escpos/width';
import { dec, toChineseCapital } from '../../electron/core/money';

const ROOT = path.resolve(__dirname, '..', '..');
/** Each CLI run may take up to its spawn timeout (tsx start and Chromium on a busy machine): a test waits that long per run. */
const SPAWN_MS = 60_000;
const SPAWN_BUDGET = SPAWN_MS + 15_000;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'electron', 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: SPAWN_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli receipt', () => {
  const file = caseFiles().find((f) => f.includes('anhui-351'))!;
  const dir = tempDir('receipt-cli-');

  it('writes the receipt PDF and prints one JSON line', () => {
    const out = path.join(dir, 'r.pdf');
    const r = cli('receipt', '--case', file, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(json).toMatchObject({ out, format: 'pdf' });
    expect(pdfPages(out)).toBe(1);
    const text = squash(pdfText(out));
    for (const [key, amount] of Object.entries(json.layers as Record<string, string>)) expect(text, key).toContain(amount);
    expect(text).toContain(`大写：${toChineseCapital(dec(json.cash))}`);
    expect(text).toContain('大写：肆万贰仟元整');
  }, SPAWN_BUDGET);

  it('writes ESC/POS bytes for 58 and 80 mm', () => {
    for (const [format, cols] of [['escpos58', 32], ['escpos80', 48]] as const) {
      const out = path.join(dir, `${format}.bin`);
      const r = cli('receipt', '--case', file, '--out', out, '--format', format);
      expect(r.code, r.stderr).toBe(0);
      const ops = parseEscPos(fs.readFileSync(out));
      expect(ops[ops.length - 1].op).toBe('cut');
      expect(ops.some((o) => o.op === 'qrStore')).toBe(true);
      for (const l of lines(ops)) expect(textWidth(l)).toBeLessThanOrEqual(cols);
    }
  }, 2 * SPAWN_BUDGET);

  it('refuses bad input with exit 2', () => {
    expect(cli('receipt', '--case', path.join(dir, 'missing.json'), '--out', path.join(dir, 'x.pdf')).code).toBe(2);
    expect(cli('receipt', '--case', file, '--out', path.join(dir, 'x.bin'), '--format', 'escpos99').code).toBe(2);
    expect(cli('receipt', '--out', path.join(dir, 'x.pdf')).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  }, 3 * SPAWN_BUDGET);
});
