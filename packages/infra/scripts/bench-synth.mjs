#!/usr/bin/env node
/**
 * Prints {"userMs", "pnpmMs", "launcherMs", "synthMs", "indexImportMs"}, medians of `--runs N` (default 3),
 * each after one warm-up run: `pnpm -C packages/infra synth` as a user runs it (the bundle, rebuilt only when
 * a source changed); pnpm's own start-up (`pnpm -C packages/infra exec true`); the same synth without pnpm
 * (`node scripts/run.cjs synth`); a fresh node process that synthesizes the `baseline` stack from dist/
 * modules (deep provider imports); and a fresh node process that merely imports the `@cdktf/provider-aws`
 * index. Requires `pnpm -C packages/infra build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function timeCommand(command, args) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: packageDir, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`benchmark child failed: ${result.stderr}`);
  return ms;
}

const timeNode = (code) => timeCommand(process.execPath, ['--input-type=module', '-e', code]);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** @param {{ runs?: number }} [options] */
export function benchSynth({ runs = 3 } = {}) {
  const mainJs = path.join(packageDir, 'dist', 'stacks', 'baseline.js');
  if (!existsSync(mainJs)) throw new Error('dist/ missing: run `pnpm -C packages/infra build` first');
  const outdir = mkdtempSync(path.join(tmpdir(), 'awst-bench-'));
  try {
    const synthCode = `
      const { App } = await import('cdktf');
      const { BaselineStack } = await import(${JSON.stringify(pathToFileURL(mainJs).href)});
      const { settings } = await import(${JSON.stringify(pathToFileURL(path.join(packageDir, 'dist', 'settings.js')).href)});
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      new BaselineStack(app, 'baseline', settings);
      app.synth();`;
    const indexCode = `await import('@cdktf/provider-aws');`;
    const commands = {
      userMs: () => timeCommand('pnpm', ['-C', packageDir, 'synth']),
      pnpmMs: () => timeCommand('pnpm', ['-C', packageDir, 'exec', 'true']),
      launcherMs: () => timeCommand(process.execPath, [path.join(packageDir, 'scripts', 'run.cjs'), 'synth']),
      synthMs: () => timeNode(synthCode),
      indexImportMs: () => timeNode(indexCode),
    };
    // One warm-up each (the disk cache; the bundle rebuilt and its code cache made if stale), then the runs
    // interleaved, so that load from elsewhere weighs on every figure alike.
    for (const once of Object.values(commands)) once();
    const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (let i = 0; i < runs; i++)
      for (const [name, once] of Object.entries(commands)) times[name].push(once());
    const result = Object.fromEntries(
      Object.entries(times).map(([name, values]) => [name, Math.round(median(values))]),
    );
    if (!existsSync(path.join(outdir, 'stacks', 'baseline', 'cdk.tf.json')))
      throw new Error('synth wrote nothing');
    return result;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  console.log(JSON.stringify(benchSynth({ runs })));
}
