// Bundles the CLI so that an installed awst needs no node_modules at all (issue 18: one package, nothing
// to fetch). Two outputs:
// - dist/main.cjs: the CLI in one CommonJS file. Node resolves and compiles one file much faster than the
//   ~60 ESM modules it replaces, which keeps the cached path (credential_process, run) near Node's own
//   start-up.
// - dist/lazy/: the AWS SDK clients and inquirer as ES modules of their own (shared code split into
//   chunks), loaded with import() only on the paths that need them (src/runtime/import-external.ts), so the
//   cached path still loads none of it.
// Then it makes the V8 code cache that bin/load-bundle.cjs uses, by running one cached credential-process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(packageDir, 'dist');
const bundle = join(dist, 'main.cjs');
const LAZY_DIR = 'lazy';
/** Packages loaded with importExternal(); each becomes dist/lazy/<last path segment>.mjs. */
const LAZY_PACKAGES = ['@aws-sdk/client-sts', '@aws-sdk/client-iam', '@aws-sdk/client-ssm', 'inquirer'];
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
rmSync(dist, { recursive: true, force: true });

const main = await build({
  entryPoints: [join(packageDir, 'src', 'main.ts')],
  metafile: true,
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: LAZY_PACKAGES,
  // The shared rules from their TypeScript source, so the bundle does not depend on that package having been
  // built first (`pnpm -C packages/cli pack` right after `pnpm install` in a fresh clone).
  alias: { '@awst/rules': join(packageDir, '..', 'rules', 'src', 'index.ts') },
  sourcemap: 'linked',
  // src/version.ts: the version is package.json's, fixed at build time. Its fallback for the unbundled
  // sources reads package.json through import.meta, which esbuild drops with that branch.
  define: { AWST_VERSION: JSON.stringify(version), AWST_LAZY_DIR: JSON.stringify(LAZY_DIR) },
  logOverride: { 'empty-import-meta': 'silent' },
  legalComments: 'none',
  logLevel: 'warning',
});
// The override above must not hide an import.meta that reached the bundle (it would be empty there).
if (readFileSync(bundle, 'utf8').includes('import_meta'))
  throw new Error('import.meta is used in the bundle');

const lazy = await build({
  entryPoints: LAZY_PACKAGES.map((name) => ({ in: `lazy:${name}`, out: name.split('/').pop() })),
  outdir: join(dist, LAZY_DIR),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The packages' ES module builds where they have one; the CommonJS code some of them still hold
  // require()s Node's built-in modules, which an ES module gets from createRequire.
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __awstCreateRequire } from 'node:module'; const require = __awstCreateRequire(import.meta.url);",
  },
  chunkNames: 'chunk-[hash]',
  minify: true,
  legalComments: 'none',
  metafile: true,
  plugins: [
    {
      name: 'lazy-entries',
      setup(b) {
        b.onResolve({ filter: /^lazy:/ }, (args) => ({ path: args.path.slice(5), namespace: 'lazy' }));
        b.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path }) => ({
          contents:
            path === 'inquirer'
              ? `export { default } from 'inquirer'; export * from 'inquirer';`
              : `export * from ${JSON.stringify(path)};`,
          resolveDir: packageDir,
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
});

writeNotices([main.metafile, lazy.metafile]);
writeCompileCache();

/** The licence of every package the bundles hold, in one file that ships with them. */
function writeNotices(metafiles) {
  const roots = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const root = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (root) roots.add(join(packageDir, root));
    }
  }
  const notices = [...roots].map((root) => {
    const { name, version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const file = readdirSync(root).find((f) => /^(licen[cs]e|copying|notice)/i.test(f));
    const text = file ? readFileSync(join(root, file), 'utf8').trim() : `License: ${license}`;
    return { id: `${name}@${version}`, text };
  });
  notices.sort((a, b) => a.id.localeCompare(b.id));
  const unique = notices.filter((n, i) => i === 0 || n.id !== notices[i - 1].id);
  writeFileSync(
    join(dist, 'THIRD-PARTY-NOTICES.txt'),
    `awst's bundles (dist/) include these packages:\n\n${unique.map((n) => `== ${n.id}\n\n${n.text}\n`).join('\n')}`,
  );
}

function writeCompileCache() {
  const home = mkdtempSync(join(tmpdir(), 'awst-build-'));
  try {
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, 'config.toml'), '[accounts]\nexample = "123456789012"\n');
    // Cached credentials as awst stores them (with the role ARN they were made for), so the run takes the
    // cached path that users take most.
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[example DeveloperAccess]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = y\nawst_expiration = 2999-01-01T00:00:00.000Z\nawst_role_arn = arn:aws:iam::123456789012:role/DeveloperAccess\n',
    );
    const out = spawnSync(
      process.execPath,
      [
        join(packageDir, 'scripts', 'write-compile-cache.cjs'),
        bundle,
        'credential-process',
        'example',
        'DeveloperAccess',
      ],
      {
        env: { PATH: process.env.PATH, HOME: home, AWST_CONFIG: join(home, 'config.toml') },
        encoding: 'utf8',
      },
    );
    if (out.status !== 0) throw new Error(`making the compile cache failed: ${out.stderr}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
