// The benchmark: wall times of awst's hot paths beside Node's own start-up, and the AWS calls of each
// command, measured against moto_server on loopback. Run with `pnpm bench` (builds first).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  CLI_BIN,
  createRole,
  createUserWithMfa,
  createWorkspace,
  startMoto,
  writeAwstConfig,
  writeMainKey,
} from '@awst/testkit';
import { timeInterleaved } from '../packages/infra/scripts/bench-synth.mjs';
import { autoRotationCalls } from './bench/auto-rotation-calls.mjs';
import { infraSynth } from './bench/infra-synth.mjs';
import { installFigures } from './bench/install.mjs';
import { runAndCredentialProcess } from './bench/run-and-credential-process.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const rows = [];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A figure's target: the text printed beside it, and whether the figure meets it. */
const goal = (text, met) => ({ text, met });

/** Prints a figure with its target (a goal, or plain text for figures without one); MISSED when it misses. */
function report(name, value, target = '') {
  const { text, met } = typeof target === 'string' ? { text: target, met: undefined } : target;
  rows.push({ name, value, text, met });
  console.log(`${name.padEnd(58)} ${String(value).padStart(10)}  ${text}${met === false ? '  MISSED' : ''}`);
}

function summary() {
  const goals = rows.filter((row) => row.met !== undefined);
  const missed = goals.filter((row) => !row.met);
  console.log(
    missed.length
      ? `\nMISSED ${missed.length} of ${goals.length} targets: ${missed.map((row) => row.name).join('; ')}`
      : `\nAll ${goals.length} targets met.`,
  );
}

async function countCalls(moto, run) {
  await moto.startRecording();
  const result = await run();
  const calls = await moto.stopRecording();
  if (result.code !== 0) throw new Error(`command failed: ${result.stderr}`);
  return calls;
}

function sdkModulesLoaded(ws, args) {
  const file = join(ws.home, 'imports.txt');
  writeFileSync(file, '');
  const out = spawnSync(
    process.execPath,
    ['--import', new URL('./trace-imports.mjs', import.meta.url).pathname, CLI_BIN, ...args],
    {
      env: { ...ws.env, AWST_TRACE_IMPORTS_FILE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  if (out.status !== 0) throw new Error(`awst ${args.join(' ')} failed: ${out.stderr}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url.includes('@aws-sdk') || url.includes('@smithy') || url.includes('/dist/lazy/'))
    .length;
}

async function main() {
  console.log(`awst benchmark (median of ${RUNS} runs; AWS calls counted with moto's recorder)\n`);
  const moto = await startMoto();
  try {
    const user = await createUserWithMfa(moto.endpoint);
    await createRole(moto.endpoint, 'DeveloperAccess', 14400);
    await createRole(moto.endpoint, 'AdminAccess', 3600);
    const ws = createWorkspace(moto.endpoint);
    writeMainKey(ws, user);
    writeAwstConfig(ws, AWSTOOLS_CONFIG);
    const assume = (role, code) => ws.awst(['assume', 'main-account', role, ...(code ? ['-t', code] : [])]);

    const coldFirst = await countCalls(moto, () => assume('DeveloperAccess', '123456'));
    const cached = await countCalls(moto, () => assume('DeveloperAccess'));
    const sessionCached = await countCalls(moto, () => assume('AdminAccess'));
    writeFileSync(
      ws.credentialsFile,
      readFileSync(ws.credentialsFile, 'utf8').replace(
        /awst_expiration = .*/g,
        'awst_expiration = 2000-01-01T00:00:00.000Z',
      ),
    );
    const coldLater = await countCalls(moto, () => assume('DeveloperAccess', '234567'));
    report(
      'AWS calls: assume, cached role credentials',
      cached.length,
      goal('target 0', cached.length === 0),
    );
    report(
      'AWS calls: assume, cached MFA session',
      sessionCached.length,
      goal('target 1', sessionCached.length <= 1),
    );
    report('AWS calls: assume, first cold run', coldFirst.length, goal('target 4', coldFirst.length <= 4));
    report('AWS calls: assume, later cold run', coldLater.length, goal('target 2', coldLater.length <= 2));

    const pair = ['main-account', 'DeveloperAccess'];
    const wall = timeInterleaved(
      {
        node: [process.execPath, '-e', '0'],
        assume: [process.execPath, CLI_BIN, 'assume', ...pair],
        credentialProcess: [process.execPath, CLI_BIN, 'credential-process', ...pair],
        runTrue: [process.execPath, CLI_BIN, 'run', ...pair, '--', 'true'],
      },
      { runs: RUNS, env: ws.env },
    );
    // Apart: a Python process between two Node ones would slow the second, and the AWS CLI is 7-9x off its target.
    Object.assign(
      wall,
      timeInterleaved(
        { awsCli: ['aws', 'configure', 'get', 'region', '--profile', pair.join(' ')] },
        { runs: RUNS, env: ws.env },
      ),
    );
    const { node, assume: cachedAssume } = wall;
    report('ms: node -e 0', node.toFixed(1));
    report(
      'ms: awst assume (cached)',
      cachedAssume.toFixed(1),
      goal(`${(cachedAssume / node).toFixed(2)}x node (target <= 2x)`, cachedAssume / node <= 2),
    );
    const sdkModules = sdkModulesLoaded(ws, ['assume', 'main-account', 'DeveloperAccess']);
    report('AWS SDK modules loaded: awst assume (cached)', sdkModules, goal('target 0', sdkModules === 0));

    for (const extra of extraSections)
      await extra({ moto, ws, user, wall, report, goal, countCalls, sdkModulesLoaded });
  } finally {
    await moto.stop();
  }
  summary();
}

/** Sections added by later features register here: ({ moto, ws, user, wall, report, goal, countCalls }) => Promise<void>. */
const extraSections = [
  runAndCredentialProcess,
  autoRotationCalls,
  rotationSection,
  infraSynth,
  installFigures,
];

/** One rotation with the cached MFA session: its AWS calls (beyond the session) and its wall time. */
async function rotationSection({ moto, ws, report, countCalls }) {
  const calls = await countCalls(moto, () => ws.awst(['rotate-keys']));
  report('AWS calls: rotate-keys (cached MFA session)', calls.length, goal('target <= 5', calls.length <= 5));
  console.log(`  (${calls.join(', ')})`);
  const walls = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const out = await ws.awst(['rotate-keys']);
    if (out.code !== 0) throw new Error(`rotate-keys failed: ${out.stderr}`);
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  report('ms: awst rotate-keys (wall, median of 5)', median(walls).toFixed(0));
}

await main();
