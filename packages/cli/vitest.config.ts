import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { rulesFromSource } from '../rules/vitest-alias.js';

export default defineConfig({
  resolve: { alias: rulesFromSource },
  test: {
    setupFiles: [fileURLToPath(new URL('../testkit/src/temp-root.ts', import.meta.url))],
    name: 'cli',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
