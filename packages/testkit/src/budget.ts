/**
 * Test timeouts sized from the work a test does, for a machine many times slower than a quiet one (the
 * suite must pass beside other work). They catch hangs; they do not measure speed (`pnpm bench` does).
 * A process run: awst, the AWS CLI, a shell line, boto3 or an SDK program, each ~1 s on a quiet machine.
 * A Terraform command: init, plan, apply or destroy of a small configuration (tens of seconds quiet).
 */
export const BUDGET_MS = { process: 20_000, terraform: 90_000, moto: 30_000 } as const;

/** The timeout for a test (or hook) that runs this much: e.g. `budget({ processes: 40 })`. */
export function budget(work: { processes?: number; terraform?: number; moto?: number }): number {
  return (
    (work.processes ?? 0) * BUDGET_MS.process +
    (work.terraform ?? 0) * BUDGET_MS.terraform +
    (work.moto ?? 0) * BUDGET_MS.moto
  );
}
