import type { AccessKey, AwsApi } from '../aws/types.js';

export interface VerifyOptions {
  /** Give up after this long: IAM usually propagates a new key within seconds. */
  timeoutMs: number;
  /** First pause; doubles after each failure (the last pause is cut to end at the deadline). */
  initialDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const DEFAULT_VERIFY: VerifyOptions = { timeoutMs: 30_000, initialDelayMs: 500 };

/**
 * True once sts:GetCallerIdentity accepts the key; false when it never did within the bound. Each call gets
 * only the time left, so one that hangs cannot carry the loop past its deadline.
 */
export async function waitUntilKeyWorks(
  api: AwsApi,
  key: AccessKey,
  options: VerifyOptions = DEFAULT_VERIFY,
): Promise<boolean> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (let delay = options.initialDelayMs; ; delay *= 2) {
    try {
      await api.getCallerIdentity(key, { timeoutMs: Math.max(1, deadline - now()) });
      return true;
    } catch {
      const left = deadline - now();
      if (left <= 0) return false;
      // One more try at the deadline rather than giving up half-way through the bound.
      await sleep(Math.min(delay, left));
    }
  }
}
