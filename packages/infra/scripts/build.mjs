// The infra package's build, also run by scripts/run.cjs when a source changed since the last one:
// tsc checks the types and writes dist/ as modules (scripts/demo and the synth benchmark import those),
// then esbuild bundles src/cli.ts into dist/cli.cjs, the one file `pnpm synth|plan|deploy|destroy` load.
// Beside it: the files it was built from with their modification times (how run.cjs tells it is stale).
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = path.join(packageDir, 'dist', 'cli.cjs');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const typed = spawnSync(process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (typed.status !== 0) process.exit(typed.status ?? 1);

const result = buildSync({
  absWorkingDir: packageDir,
  entryPoints: ['src/cli.ts'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The shared rules from their TypeScript source, so `pnpm -C packages/infra run deploy` works right after
  // `pnpm install`, before that package is built.
  alias: { '@awst/rules': path.join(packageDir, '..', 'rules', 'src', 'index.ts') },
  // cli.ts finds the package folder, and whether it is the main script, from import.meta.url.
  define: { 'import.meta.url': '__awstImportMetaUrl' },
  banner: { js: "const __awstImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  write: false,
  metafile: true,
  logLevel: 'warning',
});
const inputs = [
  ...Object.keys(result.metafile.inputs).map((file) => path.resolve(packageDir, file)),
  fileURLToPath(import.meta.url),
  path.join(packageDir, 'package.json'),
  path.join(packageDir, 'tsconfig.build.json'),
  path.resolve(packageDir, '../../tsconfig.base.json'),
];
const built = Object.fromEntries(inputs.map((file) => [file, statSync(file).mtimeMs]));

/** Write-then-rename, so a run at the same moment never loads half a file. */
function writeAtomic(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}
rmSync(`${BUNDLE}.v8cache`, { force: true }); // made for the previous bundle
writeAtomic(BUNDLE, result.outputFiles[0].contents);
writeAtomic(`${BUNDLE}.inputs.json`, `${JSON.stringify(built)}\n`);
