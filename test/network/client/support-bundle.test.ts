// The support bundle: setup without secrets, masked messages, queue counts from a callback.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSupportBundle } from '../../../electron/network/client';
import { makeClient, tempDb, tempDir } from './helpers';

describe('support bundle', () => {
  it('writes one JSON file with logs, setup minus secrets and queue state', async () => {
    const db = tempDb();
    const { client } = makeClient('http://127.0.0.1:1/', { autoSignIn: false }, { db });
    await client.personInfo({ cert: { type: 'idNumber', no: '370303195803120316' } }).catch(() => undefined);
    const logDir = tempDir();
    fs.writeFileSync(path.join(logDir, 'app-2026-01-01.log'), 'x INFO looked up 370303195803120316\n');
    const out = exportSupportBundle({
      db, outDir: tempDir(), logDir,
      setup: { endpoint: 'https://x', tls: { key: '-----BEGIN PRIVATE KEY-----abc', passphrase: 'pw', ca: '-----BEGIN CERTIFICATE-----' }, gateway: { sm4Key: 'k'.repeat(16) } },
      queueState: () => ({ pending: 3, deadLetters: 1 }),
    });
    const text = fs.readFileSync(out.file, 'utf8');
    const b = JSON.parse(text) as Record<string, any>;
    expect(b.setup).toEqual({ endpoint: 'https://x', tls: { key: '<set>', passphrase: '<set>', ca: '<pem>' }, gateway: { sm4Key: '<set>' } });
    expect(b.queue).toEqual({ pending: 3, deadLetters: 1 });
    expect(b.messages).toHaveLength(1);
    expect(b.messageCounts).toEqual({ notSent: 1 });
    expect(text).not.toContain('370303195803120316');
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    expect(b.appLogs['app-2026-01-01.log'][0]).toContain('370303********0316');
  });
});
