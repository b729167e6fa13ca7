#!/usr/bin/env node
// Runs the reliability suite (packages/cli/test/reliability) and prints what it shows: how many awst runs,
// how many faults were injected, and how many files were lost, users locked out, commands hung or messages
// wrong. Test names start with the issue item and a tag: `12.1 [loss] …`, `[lockout]`, `[hang]`, `[message]`;
// a failed test counts against its tag. Tests report runs and faults through test/reliability/record.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'awst-reliability-'));
const report = join(work, 'vitest.json');
const log = join(work, 'figures.jsonl');

const build = spawnSync('pnpm', ['-C', 'packages/cli', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const started = Date.now();
const vitest = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--project',
    'cli',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    'packages/cli/test/reliability',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, AWST_RELIABILITY_LOG: log } },
);
if (!existsSync(report)) {
  console.error('reliability: vitest wrote no report.');
  process.exit(vitest.status || 1);
}

const results = JSON.parse(readFileSync(report, 'utf8'));
const figures = new Map();
if (existsSync(log)) {
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const { test, runs, faults } = JSON.parse(line);
    const sum = figures.get(test) ?? { runs: 0, faults: 0 };
    figures.set(test, { runs: sum.runs + runs, faults: sum.faults + faults });
  }
}

const TAGS = { loss: 'files lost', lockout: 'lockouts', hang: 'hangs', message: 'wrong messages' };
const failedByTag = Object.fromEntries(Object.keys(TAGS).map((t) => [t, 0]));
const tests = [];
for (const file of results.testResults) {
  for (const test of file.assertionResults) {
    const name = test.title;
    const match = /^(\d+\.\d+)\s+\[(\w+)\]/.exec(name);
    const fullName = [...(test.ancestorTitles ?? []), name].join(' > ');
    const own = figures.get(fullName) ?? figures.get(name) ?? { runs: 0, faults: 0 };
    tests.push({
      item: match?.[1] ?? '-',
      tag: match?.[2] ?? '',
      name,
      status: test.status,
      file: relative(root, file.name),
      ...own,
    });
    if (test.status === 'failed' && match && match[2] in failedByTag) failedByTag[match[2]]++;
  }
}
const count = (status) => tests.filter((t) => t.status === status).length;
const total = (key) => tests.reduce((sum, t) => sum + t[key], 0);
const order = (a, b) => {
  const [x, y] = [a.item, b.item].map((i) => i.split('.').map(Number));
  return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0);
};

const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip', pending: 'skip', todo: 'todo' };
const lines = [
  '',
  'reliability summary',
  `  tests: ${tests.length} (${count('passed')} passed, ${count('failed')} failed, ${count('skipped') + count('pending')} skipped) in ${Math.round((Date.now() - started) / 1000)} s`,
  `  runs: ${total('runs')}   faults injected: ${total('faults')}`,
  `  ${Object.entries(TAGS)
    .map(([tag, label]) => `${label}: ${failedByTag[tag]}`)
    .join('   ')}`,
  '',
  ...tests
    .sort(order)
    .map(
      (t) =>
        `  ${mark[t.status] ?? t.status} ${t.name}${t.runs || t.faults ? `  (runs ${t.runs}, faults ${t.faults})` : ''}`,
    ),
  '',
];
console.log(lines.join('\n'));
rmSync(work, { recursive: true, force: true });
process.exit(vitest.status ?? 1);
