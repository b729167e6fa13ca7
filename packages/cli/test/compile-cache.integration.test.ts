import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { compileBundle } = require('../bin/load-bundle.cjs') as {
  compileBundle(file: string): { script: { cachedDataRejected?: boolean } } | undefined;
};
const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string };

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** bin/ and dist/ of the built package in a folder of their own, as an installed copy has them. */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'awst-cache-'));
  copies.push(dir);
  cpSync(join(PACKAGE, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(PACKAGE, 'dist'), join(dir, 'dist'), { recursive: true });
  return dir;
}

function awstVersion(dir: string): string {
  const out = spawnSync(process.execPath, [join(dir, 'bin', 'awst.cjs'), '--version'], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  return out.stdout.trim();
}

describe('the built bundle', () => {
  it('comes with a V8 code cache that this Node accepts (pnpm build makes it)', () => {
    const compiled = compileBundle(join(PACKAGE, 'dist', 'main.cjs'));
    expect(compiled).toBeDefined();
    expect(compiled!.script.cachedDataRejected).toBe(false);
  });

  it('runs the edited code when dist/main.cjs is edited without changing its length', () => {
    const dir = installedCopy();
    const bundle = join(dir, 'dist', 'main.cjs');
    expect(awstVersion(dir)).toBe(version);
    const edited = version.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain(JSON.stringify(version));
    writeFileSync(bundle, source.replace(JSON.stringify(version), JSON.stringify(edited)));
    expect(readFileSync(bundle).length).toBe(Buffer.byteLength(source));
    expect(compileBundle(bundle)!.script.cachedDataRejected).toBeUndefined(); // the cache is not even offered
    expect(awstVersion(dir)).toBe(edited);
  });

  it('is never written by the launcher users run, whatever its environment holds', () => {
    const dir = installedCopy();
    rmSync(join(dir, 'dist', 'main.cjs.v8cache'));
    const before = readdirSync(join(dir, 'dist')).sort();
    const out = spawnSync(process.execPath, [join(dir, 'bin', 'awst.cjs'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, AWST_WRITE_COMPILE_CACHE: join(dir, 'dist', 'main.cjs.v8cache') },
    });
    expect(out.stdout.trim()).toBe(version);
    expect(readdirSync(join(dir, 'dist')).sort()).toEqual(before);
    expect(existsSync(join(dir, 'dist', 'main.cjs.v8cache'))).toBe(false);
    for (const file of readdirSync(join(dir, 'bin'))) {
      expect(readFileSync(join(dir, 'bin', file), 'utf8')).not.toContain('createCachedData');
    }
  });
});
