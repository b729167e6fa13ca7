// Bundles the CLI into one CommonJS file. Node resolves and compiles one file much faster than the ~60
// ESM modules it replaces, which keeps the cached path (credential_process, run) near Node's own start-up.
// The AWS SDK and inquirer stay external and are still loaded with import() only on the paths that need them.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/main.cjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@aws-sdk/*', 'inquirer'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
