import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../bin');

describe('bin/awst.cjs', () => {
  it('before any build, says in one sentence what to run instead of a stack trace', () => {
    // A fresh clone after `pnpm install`: bin/ is there and linked, dist/ is not.
    const pkg = mkdtempSync(join(tmpdir(), 'awst-unbuilt-'));
    mkdirSync(join(pkg, 'bin'));
    for (const file of ['awst.cjs', 'load-bundle.cjs']) copyFileSync(join(BIN, file), join(pkg, 'bin', file));
    const out = spawnSync(process.execPath, [join(pkg, 'bin', 'awst.cjs'), 'assume', 'a', 'b'], {
      encoding: 'utf8',
    });
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `awst: this copy of awst is not built yet (${join(pkg, 'dist', 'main.cjs')} is missing): run "pnpm build" in the awst repository, then try again.\n`,
    );
  });
});
