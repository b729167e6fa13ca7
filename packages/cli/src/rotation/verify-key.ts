import { AwsServiceError } from '../aws/errors.js';
import type { AccessKey, AwsApi } from '../aws/types.js';

export interface VerifyOptions {
  /**
   * How long awst keeps trying: no attempt starts later than this after the first. IAM is eventually
   * consistent: a new key is usually accepted within seconds, but users report 15–20 s and, rarely, a minute.
   */
  timeoutMs: number;
  /** First pause; doubles after each failure up to `maxDelayMs` (the last pause is cut to end at the window). */
  initialDelayMs: number;
  maxDelayMs?: number;
  /** Each attempt's own bound, whatever is left of the window: a call started at the end still gets it. */
  perCallMs?: number;
  /** Told after each refused attempt, while awst waits (a progress line on a terminal). */
  onWait?: (progress: VerifyProgress) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface VerifyProgress {
  attempts: number;
  elapsedMs: number;
  windowMs: number;
  /** Why the last attempt failed, in AWS's or the network's words. */
  reason: string;
}

/** How long `rotate-keys` waits for AWS to accept a new key by default. */
export const NEW_KEY_WINDOW_MS = 90_000;

export const DEFAULT_VERIFY: VerifyOptions = {
  timeoutMs: NEW_KEY_WINDOW_MS,
  initialDelayMs: 500,
  maxDelayMs: 5000,
  perCallMs: 10_000,
};

/** What the check found: the key works, or AWS never accepted it, with its last answer. */
export type KeyCheck = { works: true } | { works: false; lastError: string };

/**
 * Works once sts:GetCallerIdentity accepts the key; not, with the last refusal, when it never did within
 * the window. Attempts start until the window ends, each with its full per-call bound, so the check really
 * lasts the window (plus at most one call) and never gives its last attempt a sliver of time.
 */
export async function waitUntilKeyWorks(
  api: AwsApi,
  key: AccessKey,
  options: VerifyOptions = DEFAULT_VERIFY,
): Promise<KeyCheck> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const perCallMs = options.perCallMs ?? DEFAULT_VERIFY.perCallMs;
  const maxDelayMs = options.maxDelayMs ?? Number.POSITIVE_INFINITY;
  const start = now();
  const deadline = start + options.timeoutMs;
  let attempts = 0;
  for (let delay = options.initialDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
    attempts++;
    try {
      await api.getCallerIdentity(key, { timeoutMs: perCallMs });
      return { works: true };
    } catch (error) {
      const reason = refusal(error);
      const left = deadline - now();
      if (left <= 0) return { works: false, lastError: reason };
      options.onWait?.({ attempts, elapsedMs: now() - start, windowMs: options.timeoutMs, reason });
      await sleep(Math.min(delay, left));
    }
  }
}

/**
 * AWS's own words for a refused attempt (its code and message), not awst's advice about the main key, which
 * would tell a user in the middle of a rotation to run the rotation; a network failure in awst's words.
 */
function refusal(error: unknown): string {
  if (error instanceof AwsServiceError) {
    const said = error.cause instanceof Error ? error.cause.message : undefined;
    return said && said !== error.code ? `${error.code}: ${said}` : error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
