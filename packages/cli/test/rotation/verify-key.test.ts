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
    expect(await waitUntilKeyWorks(s.api, key, s.options)).toEqual({ works: true });
    expect(s.sleeps).toEqual([]);
  });

  it('backs off, doubling, until the key works', async () => {
    const s = setup(3);
    expect(await waitUntilKeyWorks(s.api, key, s.options)).toEqual({ works: true });
    expect(s.sleeps).toEqual([500, 1000, 2000]);
  });

  it('22.1 tries until the window ends, the last attempt starting at its end at the latest', async () => {
    const s = setup(Number.POSITIVE_INFINITY);
    const starts: number[] = [];
    const api = {
      getCallerIdentity: async () => {
        starts.push(s.options.now());
        return s.api.getCallerIdentity({ accessKeyId: 'x', secretAccessKey: 'y' });
      },
    } as unknown as AwsApi;
    expect(await waitUntilKeyWorks(api, key, { ...s.options, maxDelayMs: 4000 })).toEqual({
      works: false,
      lastError: 'InvalidClientTokenId',
    });
    expect(s.sleeps).toEqual([500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 2500]);
    expect(starts.at(-1)).toBe(30_000);
  });

  it('22.1 a key AWS accepts after 20 s of a 30 s window passes', async () => {
    const s = setup(Number.POSITIVE_INFINITY);
    const api = {
      getCallerIdentity: async () => {
        if (s.options.now() < 20_000) throw new Error('InvalidClientTokenId');
        return { account: '1', arn: 'a', userId: 'u' };
      },
    } as unknown as AwsApi;
    expect(await waitUntilKeyWorks(api, key, { ...s.options, maxDelayMs: 4000 })).toEqual({ works: true });
  });

  it('22.1 gives every call its full bound, also the one that starts at the end of the window', async () => {
    let t = 0;
    const given: number[] = [];
    const starts: number[] = [];
    // Every call hangs until the bound it was given runs out (as the SDK's abort does).
    const api = {
      getCallerIdentity: async (_key: unknown, options?: { timeoutMs?: number }) => {
        starts.push(t);
        given.push(options?.timeoutMs ?? 0);
        t += 12_000;
        throw new Error('no answer in time');
      },
    } as unknown as AwsApi;
    const progress: number[] = [];
    const ok = await waitUntilKeyWorks(api, key, {
      timeoutMs: 30_000,
      initialDelayMs: 500,
      perCallMs: 12_000,
      onWait: (p) => progress.push(p.attempts),
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(ok).toEqual({ works: false, lastError: 'no answer in time' });
    expect(given).toEqual([12_000, 12_000, 12_000]);
    expect(starts).toEqual([0, 12_500, 25_500]);
    expect(progress).toEqual([1, 2]);
  });
});
