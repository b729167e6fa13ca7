import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'infra',
    include: ['test/**/*.test.ts'],
    passWithNoTests: true,
    // The tests share no mutable state and mock nothing: one cdktf and provider load per worker, not per file.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
