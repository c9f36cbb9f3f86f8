// Temp dirs for tests: a real folder on disk, removed after the test that made it; one made in a
// beforeAll (an app shared by the file's tests) is removed only after all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';

const perTest: string[] = [];
const perFile: string[] = [];
let inTest = false;

export function tempDir(prefix = 'settle-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  (inTest ? perTest : perFile).push(dir);
  return dir;
}

const removeAll = (dirs: string[]) => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
};

beforeEach(() => {
  inTest = true;
});

afterEach(() => {
  inTest = false;
  removeAll(perTest);
});

afterAll(() => removeAll(perFile));
