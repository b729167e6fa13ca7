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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Median wall times in ms of commands ({ name: [command, ...args] }), each run once to warm up (the disk
 * cache; the bundle rebuilt and its code cache made if stale) and then `runs` times in turn, so that load
 * from elsewhere weighs on every figure alike and ratios between them hold. Also used by `pnpm bench`.
 */
export function timeInterleaved(commands, { runs, cwd, env }) {
  const once = ([command, ...args]) => {
    const start = performance.now();
    const result = spawnSync(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    return ms;
  };
  const entries = Object.entries(commands);
  for (const [, command] of entries) once(command);
  const times = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, command] of entries) times[name].push(once(command));
  return Object.fromEntries(entries.map(([name]) => [name, median(times[name])]));
}

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
    const node = (code) => [process.execPath, '--input-type=module', '-e', code];
    const medians = timeInterleaved(
      {
        userMs: ['pnpm', '-C', packageDir, 'synth'],
        pnpmMs: ['pnpm', '-C', packageDir, 'exec', 'true'],
        launcherMs: [process.execPath, path.join(packageDir, 'scripts', 'run.cjs'), 'synth'],
        synthMs: node(synthCode),
        indexImportMs: node(indexCode),
      },
      { runs, cwd: packageDir },
    );
    const result = Object.fromEntries(Object.entries(medians).map(([name, ms]) => [name, Math.round(ms)]));
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
