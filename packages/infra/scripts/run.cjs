'use strict';
// `pnpm synth|plan|deploy|destroy`: runs src/cli.ts from its esbuild bundle (dist/cli.cjs) with a V8 code
// cache, after rebuilding it (tsc first, so type errors still stop a synth) only when a file it was built
// from changed. A full tsc compile on every call took longer than the synth itself.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const codeCache = `${bundle}.v8cache`;

function stale() {
  try {
    const built = JSON.parse(fs.readFileSync(`${bundle}.inputs.json`, 'utf8'));
    return Object.entries(built).some(([file, mtimeMs]) => fs.statSync(file).mtimeMs !== mtimeMs);
  } catch {
    return true; // never built, or a file it was built from is gone
  }
}

if (stale()) {
  const build = spawnSync(process.execPath, [path.join(__dirname, 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let cachedData;
try {
  cachedData = fs.readFileSync(codeCache);
} catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
if (!cachedData || script.cachedDataRejected) {
  // Made after the command ran, so it also holds the functions the synth compiled.
  process.once('exit', () => {
    const temp = `${codeCache}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, codeCache);
    } catch {} // a read-only checkout: the next run compiles again
  });
}
process.argv[1] = bundle; // cli.ts runs its command when it is the main script
const module_ = { exports: {}, filename: bundle, id: bundle, loaded: false };
script.runInThisContext()(
  module_.exports,
  Module.createRequire(bundle),
  module_,
  bundle,
  path.dirname(bundle),
);
