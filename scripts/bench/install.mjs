// Issue 18's install figures: packages/cli packed as for a release and installed the way a user does
// (`npm install -g --prefix <fresh folder> awst-x.y.z.tgz`, empty HOME, no pnpm on PATH), then the
// installed awst's cached path beside `node -e 0`, and whether it loaded any SDK code.
// Run alone with `pnpm build && node scripts/bench/install.mjs`; `pnpm bench` runs it too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installGlobally, packCli } from '@awst/testkit';
import { timeInterleaved } from '../../packages/infra/scripts/bench-synth.mjs';

const TRACE_IMPORTS = new URL('../trace-imports.mjs', import.meta.url).pathname;

/** @param {{ report: Function, goal: Function, runs?: number }} bench */
export async function installFigures({ report, goal, runs = Number(process.env.BENCH_RUNS ?? 15) }) {
  const dir = mkdtempSync(join(tmpdir(), 'awst-install-bench-'));
  try {
    const tarball = packCli(dir);
    const megabytes = statSync(tarball).size / 1e6;
    const installed = installGlobally(tarball, join(dir, 'install'));
    const npmAlone = timeInterleaved(
      { npm: ['npm', '--version'] },
      { runs: 3, env: { PATH: installed.path, HOME: installed.home } },
    ).npm;
    report('install: packages installed', installed.packages, goal('target 1', installed.packages === 1));
    report('install: tarball MB', megabytes.toFixed(2), goal('target <= 5', megabytes <= 5));
    report(
      'install: npm install -g seconds',
      installed.seconds.toFixed(1),
      goal(
        `target <= 5 s beside npm's own ${(npmAlone / 1000).toFixed(1)} s start-up`,
        installed.seconds - npmAlone / 1000 <= 5,
      ),
    );

    const bin = join(installed.packageDir, 'bin', 'awst.cjs');
    const env = cachedHome(join(dir, 'user'), installed.path);
    const wall = timeInterleaved(
      {
        node: [process.execPath, '-e', '0'],
        credentialProcess: [process.execPath, bin, 'credential-process', 'example', 'Role'],
      },
      { runs, env },
    );
    const ratio = wall.credentialProcess / wall.node;
    report(
      'install: ms installed credential-process (cached)',
      wall.credentialProcess.toFixed(1),
      goal(`${ratio.toFixed(2)}x node's ${wall.node.toFixed(1)} ms (target <= 2x)`, ratio <= 2),
    );
    const cached = lazyModulesLoaded(env, bin, ['credential-process', 'example', 'Role']);
    report('install: SDK files loaded, cached path', cached, goal('target 0', cached === 0));
    // The same count for a command that must load the SDK, so a tracer that sees nothing cannot pass.
    const cold = lazyModulesLoaded({ ...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, bin, [
      'assume',
      'example',
      'Other',
      '-t',
      '123456',
    ]);
    report('install: SDK files loaded, cold assume (tracer check)', cold, goal('target > 0', cold > 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A HOME holding a config and valid cached role credentials for `example Role`, and a main key. */
function cachedHome(home, path) {
  mkdirSync(join(home, '.aws'), { recursive: true });
  const config = join(home, 'config.toml');
  writeFileSync(config, '[accounts]\nexample = "123456789012"\n');
  writeFileSync(
    join(home, '.aws', 'credentials'),
    [
      '[main-account]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n',
      '[example Role]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = y\nawst_expiration = 2999-01-01T00:00:00.000Z\nawst_role_arn = arn:aws:iam::123456789012:role/Role\n',
    ].join('\n'),
  );
  return { PATH: path, HOME: home, AWST_CONFIG: config, AWS_EC2_METADATA_DISABLED: 'true' };
}

/** How many files of the bundled SDK and inquirer (dist/lazy/) a command resolved. */
function lazyModulesLoaded(env, bin, args) {
  const file = join(env.HOME, 'imports.txt');
  writeFileSync(file, '');
  spawnSync(process.execPath, ['--import', TRACE_IMPORTS, bin, ...args], {
    env: { ...env, AWST_TRACE_IMPORTS_FILE: file },
    stdio: 'ignore',
    timeout: 120_000,
  });
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/lazy/') || url.includes('@aws-sdk')).length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let missed = 0;
  console.log('awst install, from a clean prefix and an empty HOME, no pnpm on PATH\n');
  await installFigures({
    goal: (text, met) => ({ text, met }),
    report: (name, value, { text, met }) => {
      if (!met) missed++;
      console.log(`${name.padEnd(54)} ${String(value).padStart(8)}  ${text}${met ? '' : '  MISSED'}`);
    },
  });
  console.log(missed ? `\nMISSED ${missed} targets.` : '\nAll targets met.');
  process.exitCode = missed ? 1 : 0;
}
