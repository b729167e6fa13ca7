import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/cli', 'packages/infra', 'scripts'],
    // vitest's default is one worker less than the CPUs: a single worker on 2 CPUs. The integration files
    // spend much of their time waiting (on moto, Terraform and the awst processes they start, on lock and
    // stale timers, on endpoints that never answer), so two files per CPU keep the CPUs busy.
    maxWorkers: 2 * availableParallelism(),
  },
});
