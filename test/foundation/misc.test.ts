import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../../electron/app/electron-binary';
import { defaultDataDir } from '../../electron/platform/paths';
import { createFileLogger } from '../../electron/platform/logger';
import { maskLogText, maskIdNumber, maskName } from '../../electron/core/mask';
import { tempDir } from './tmp';

describe('Electron binary detection', () => {
  it('finds nothing when the package has no downloaded binary, without requiring electron', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    expect(findElectronBinary(root)).toBeUndefined();
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeUndefined();
    fs.mkdirSync(path.join(root, 'node_modules', 'electron', 'dist'));
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });
});

describe('default data dir', () => {
  it('is a per-user folder on each system, overridable by SETTLE_DATA_DIR', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('settle-window');
    expect(defaultDataDir({ XDG_DATA_HOME: '/home/a/.local/share' }, 'linux')).toBe('/home/a/.local/share/settle-window');
    expect(defaultDataDir({ SETTLE_DATA_DIR: '/srv/x' }, 'linux')).toBe('/srv/x');
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 digits of an ID number and the first character of a name', () => {
    expect(maskIdNumber('370303195803120316')).toBe('370303********0316');
    expect(maskName('张建国')).toBe('张**');
  });

  it('masks ID numbers anywhere in a log line', () => {
    const dir = tempDir();
    const log = createFileLogger(dir, { now: () => new Date('2026-01-02T03:04:05Z') });
    log.info('person 37030319450920053X looked up');
    const text = fs.readFileSync(path.join(dir, 'app-2026-01-02.log'), 'utf8');
    expect(text).toContain('370303********053X');
    expect(text).not.toContain('37030319450920053X');
    expect(maskLogText('id=370303195803120316;')).toBe('id=370303********0316;');
  });
});
