// Bundles the CLI into one CommonJS file. Node resolves and compiles one file much faster than the ~60
// ESM modules it replaces, which keeps the cached path (credential_process, run) near Node's own start-up.
// The AWS SDK and inquirer stay external and are still loaded with import() only on the paths that need them.
// Then it makes the V8 code cache that bin/load-bundle.cjs uses, by running one cached credential-process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(packageDir, 'dist', 'main.cjs');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
rmSync(join(packageDir, 'dist'), { recursive: true, force: true });

await build({
  entryPoints: [join(packageDir, 'src', 'main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@aws-sdk/*', 'inquirer'],
  sourcemap: 'linked',
  // src/version.ts: the version is package.json's, fixed at build time. Its fallback for the unbundled
  // sources reads package.json through import.meta, which esbuild drops with that branch.
  define: { AWST_VERSION: JSON.stringify(version) },
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
// The override above must not hide an import.meta that reached the bundle (it would be empty there).
if (readFileSync(bundle, 'utf8').includes('import_meta'))
  throw new Error('import.meta is used in the bundle');

writeCompileCache();

function writeCompileCache() {
  const home = mkdtempSync(join(tmpdir(), 'awst-build-'));
  try {
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, 'config.toml'), '[accounts]\nexample = "123456789012"\n');
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[example Role]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = y\nawst_expiration = 2999-01-01T00:00:00.000Z\n',
    );
    const out = spawnSync(
      process.execPath,
      [join(packageDir, 'bin', 'awst.cjs'), 'credential-process', 'example', 'Role'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWST_CONFIG: join(home, 'config.toml'),
          AWST_WRITE_COMPILE_CACHE: `${bundle}.v8cache`,
        },
        encoding: 'utf8',
      },
    );
    if (out.status !== 0) throw new Error(`making the compile cache failed: ${out.stderr}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
