import { describe, expect, it } from 'vitest';
import type { AwsApi } from '../../src/aws/types.js';
import { waitUntilKeyWorks } from '../../src/rotation/verify-key.js';

/** A clock that only moves when the code sleeps, and an API that fails `failures` times. */
function setup(failures: number) {
  let t = 0;
  const sleeps: number[] = [];
  let calls = 0;
  const api = {
    getCallerIdentity: async () => {
      calls++;
      if (calls <= failures) throw new Error('InvalidClientTokenId');
      return { account: '1', arn: 'a', userId: 'u' };
    },
  } as unknown as AwsApi;
  const options = {
    timeoutMs: 30_000,
    initialDelayMs: 500,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  return { api, options, sleeps, calls: () => calls };
}

const key = { accessKeyId: 'AKIANEW', secretAccessKey: 's' };

describe('waitUntilKeyWorks', () => {
  it('returns at once when the key works', async () => {
    const s = setup(0);
    expect(await waitUntilKeyWorks(s.api, key, s.options)).toBe(true);
    expect(s.sleeps).toEqual([]);
  });

  it('backs off, doubling, until the key works', async () => {
    const s = setup(3);
    expect(await waitUntilKeyWorks(s.api, key, s.options)).toBe(true);
    expect(s.sleeps).toEqual([500, 1000, 2000]);
  });

  it('uses the whole bound, never more, with a last try at the deadline', async () => {
    const s = setup(Number.POSITIVE_INFINITY);
    expect(await waitUntilKeyWorks(s.api, key, s.options)).toBe(false);
    expect(s.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 14_500]);
    expect(s.sleeps.reduce((a, b) => a + b)).toBe(30_000);
    expect(s.calls()).toBe(7);
  });

  it('12.6 gives each call only the time left, so a hanging call ends the loop at its deadline', async () => {
    let t = 0;
    const given: number[] = [];
    // Every call hangs until the bound it was given runs out (as the SDK's abort does).
    const api = {
      getCallerIdentity: async (_key: unknown, options?: { timeoutMs?: number }) => {
        const bound = options?.timeoutMs ?? 25_000;
        given.push(bound);
        t += Math.min(bound, 12_000);
        throw new Error('no answer in time');
      },
    } as unknown as AwsApi;
    const ok = await waitUntilKeyWorks(api, key, {
      timeoutMs: 30_000,
      initialDelayMs: 500,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(ok).toBe(false);
    expect(given).toEqual([30_000, 17_500, 4_500]);
    expect(t).toBe(30_000);
  });
});
