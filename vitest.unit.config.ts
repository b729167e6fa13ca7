import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { rulesFromSource } from './packages/rules/vitest-alias.js';

/**
 * `pnpm test:unit`: the projects of vitest.config.ts, with the CLI's unit tests split in two. A test file
 * that replaces a module (vi.mock) needs a module registry of its own, so it keeps a fresh process; the
 * others share one process per worker, which saves a process start and SDK import per file (~10 s of CPU
 * over the whole set on 2 CPUs). package.json runs it with `--pool=threads`: worker threads start faster than
 * processes (about 0.7 s of ~9.5 s here; no unit test changes the working directory or umask, which a thread
 * cannot). `pnpm test` runs every file isolated in its own process, as vitest.config.ts says.
 */
const cliTests = join(import.meta.dirname, 'packages/cli/test');
const mocking = readdirSync(cliTests, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => /\bvi\.(do)?mock\(/.test(readFileSync(join(cliTests, file), 'utf8')))
  .map((file) => `test/${file}`);

const cli = {
  root: 'packages/cli',
  setupFiles: [join(import.meta.dirname, 'packages/testkit/src/temp-root.ts')],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias: rulesFromSource }, test: { ...cli, name: 'cli-mock', include: mocking } },
      {
        resolve: { alias: rulesFromSource },
        test: {
          ...cli,
          name: 'cli',
          include: ['test/**/*.test.ts'],
          exclude: [...mocking, '**/*.integration.test.*'],
          isolate: false,
        },
      },
      'packages/infra',
      'scripts',
    ],
  },
});
