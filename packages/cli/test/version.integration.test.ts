import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(import.meta.dirname, '..');
const packageVersion = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8')).version;

describe('awst --version (built)', () => {
  // The bundle has no import.meta: without the version put in at build time, reading package.json would throw.
  it("is package.json's version, fixed in the bundle at build time", () => {
    const out = spawnSync(process.execPath, [resolve(packageDir, 'bin', 'awst.cjs'), '--version'], {
      encoding: 'utf8',
    });
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(`${packageVersion}\n`);
  });
});
