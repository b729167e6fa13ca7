import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { rulesFromSource } from '../rules/vitest-alias.js';

export default defineConfig({
  resolve: { alias: rulesFromSource },
  test: {
    setupFiles: [fileURLToPath(new URL('../testkit/src/temp-root.ts', import.meta.url))],
    name: 'infra',
    include: ['test/**/*.test.ts'],
    passWithNoTests: true,
    // The tests share no mutable state and mock nothing: one cdktf and provider load per worker, not per file.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
