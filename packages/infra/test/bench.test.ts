import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('synth benchmark', () => {
  it('synthesizes baseline in a fresh process much faster than importing the provider index', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'pipe' });
    // @ts-expect-error plain .mjs script without types
    const { benchSynth } = await import('../scripts/bench-synth.mjs');
    const result: { synthMs: number; indexImportMs: number } = benchSynth({ runs: 3 });
    console.log(
      `bench-synth: ${JSON.stringify(result)} (${(result.indexImportMs / result.synthMs).toFixed(1)}x)`,
    );
    expect(result.synthMs).toBeGreaterThan(0);
    // Target is >= 5x on an idle machine; other test files (terraform, moto) run in parallel, so allow noise.
    expect(result.indexImportMs / result.synthMs).toBeGreaterThan(3);
  });
});
