// The README's first command, scripts/setup.sh, as root and as an ordinary user: system packages
// installed only when missing, through sudo only when not root and only when sudo exists. The
// system commands (id, dpkg-query, apt-get, sudo, npm) are stand-ins on PATH that record calls;
// the real run on a fresh Debian is the chroot check in the report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'setup.sh');

function world(o: { uid: number; sudo: boolean; installed: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-sh-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  stub('id', `[ "$1" = "-u" ] && echo ${o.uid}`);
  stub('dpkg-query', o.installed ? "echo 'install ok installed'" : 'exit 1');
  stub('apt-get', `echo "apt-get $*" >> ${log}`);
  if (o.sudo) stub('sudo', `echo "sudo $*" >> ${log}; "$@"`);
  stub('npm', `echo "npm $*" >> ${log}`);
  for (const real of ['bash', 'node', 'grep', 'dirname', 'printf', 'cat', 'readlink']) {
    const p = spawnSync('bash', ['-c', `command -v ${real}`]).stdout.toString().trim();
    if (p) fs.symlinkSync(p, path.join(bin, real));
  }
  const r = spawnSync('bash', [SCRIPT], { env: { PATH: bin, HOME: dir }, encoding: 'utf8' });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stderr: r.stderr, calls };
}

describe('scripts/setup.sh', () => {
  it('as root without sudo: installs the missing packages directly', () => {
    const r = world({ uid: 0, sudo: false, installed: false });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toContain('apt-get install -y -qq chromium fonts-noto-cjk socat poppler-utils libusb-1.0-0 iproute2 postgresql g++ make python3');
    expect(r.calls.some((c) => c.startsWith('sudo'))).toBe(false);
    expect(r.calls).toContain('npm ci --no-audit --no-fund');
  });

  it('as an ordinary user: through sudo', () => {
    const r = world({ uid: 1000, sudo: true, installed: false });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toContain('sudo apt-get install -y -qq chromium fonts-noto-cjk socat poppler-utils libusb-1.0-0 iproute2 postgresql g++ make python3');
  });

  it('as an ordinary user without sudo: says what to install as root, installs nothing', () => {
    const r = world({ uid: 1000, sudo: false, installed: false });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('chromium fonts-noto-cjk socat poppler-utils libusb-1.0-0 iproute2 postgresql g++ make python3');
    expect(r.calls).toEqual([]);
  });

  it('with everything installed: no apt-get, no sudo, only npm ci', () => {
    const r = world({ uid: 1000, sudo: false, installed: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual(['npm ci --no-audit --no-fund']);
  });

  it('the README starts with it', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(/```sh\n([^\n]*)\n/.exec(readme)?.[1]).toBe('bash scripts/setup.sh && npm start');
  });
});
