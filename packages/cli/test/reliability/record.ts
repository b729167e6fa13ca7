import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Figures for the `pnpm reliability` summary. Each test of this folder notes how many awst runs it made
 * and how many faults it injected (a full disk, a killed process, a stolen lock, a rival writer…);
 * scripts/reliability.mjs sets AWST_RELIABILITY_LOG and adds them up. Outside that script this does nothing.
 */
export function record(figures: { runs?: number; faults?: number }): void {
  const log = process.env.AWST_RELIABILITY_LOG;
  if (!log) return;
  const test = expect.getState().currentTestName ?? 'unknown';
  appendFileSync(log, `${JSON.stringify({ test, runs: figures.runs ?? 0, faults: figures.faults ?? 0 })}\n`);
}
