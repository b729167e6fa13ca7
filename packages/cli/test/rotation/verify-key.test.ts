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
});
