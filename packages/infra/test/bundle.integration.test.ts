// `pnpm synth|plan|deploy|destroy` run dist/cli.cjs, the esbuild bundle `pnpm build` makes (an
// integration test for that reason): it must synthesize exactly what the sources do.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synth } from '../src/main.js';
import { settings } from '../src/settings.js';

const packageDir = path.resolve(import.meta.dirname, '..');
const temp = mkdtempSync(path.join(tmpdir(), 'awst-bundle-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the bundled infra CLI', () => {
  it('synthesizes the same Terraform JSON as the sources, into the folder above its dist/', () => {
    // A copy of the bundle alone: it needs nothing else, and writes cdktf.out beside its dist/.
    mkdirSync(path.join(temp, 'bundle', 'dist'), { recursive: true });
    const bundle = path.join(temp, 'bundle', 'dist', 'cli.cjs');
    copyFileSync(path.join(packageDir, 'dist', 'cli.cjs'), bundle);
    execFileSync(process.execPath, [bundle, 'synth'], { cwd: temp, stdio: 'pipe' });
    const fromSources = path.join(temp, 'sources');
    synth(settings, fromSources); // the same environment (AWS_REGION) as the bundle's
    const stacks = (root: string) => readdirSync(path.join(root, 'stacks')).sort();
    const fromBundle = path.join(temp, 'bundle', settings.outdir);
    expect(stacks(fromBundle)).toEqual(stacks(fromSources));
    expect(stacks(fromSources)).toContain('baseline');
    for (const stack of stacks(fromSources)) {
      const file = (root: string) => readFileSync(path.join(root, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      expect(file(fromBundle), stack).toBe(file(fromSources));
    }
  });
});
