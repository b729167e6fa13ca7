#!/usr/bin/env node
/**
 * Prints {"synthMs": …, "indexImportMs": …}: wall time of a fresh node process that synthesizes the
 * `baseline` stack (deep provider imports, from dist/) versus a fresh node process that merely imports the
 * `@cdktf/provider-aws` index. Median of `--runs N` (default 3). Requires `pnpm -C packages/infra build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function timeNode(code) {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`benchmark child failed: ${result.stderr}`);
  return ms;
}

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
    const synthRuns = [];
    const indexRuns = [];
    for (let i = 0; i < runs; i++) {
      synthRuns.push(timeNode(synthCode));
      indexRuns.push(timeNode(indexCode));
    }
    if (!existsSync(path.join(outdir, 'stacks', 'baseline', 'cdk.tf.json')))
      throw new Error('synth wrote nothing');
    return { synthMs: Math.round(median(synthRuns)), indexImportMs: Math.round(median(indexRuns)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  console.log(JSON.stringify(benchSynth({ runs })));
}
