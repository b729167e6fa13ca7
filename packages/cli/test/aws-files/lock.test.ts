import { mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/aws-files/lock.js';

describe('withLock', () => {
  it('runs holders one at a time', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'awst-lock-')), 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(path, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('takes over a lock left by a process that died', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'awst-lock-')), 'x.lock');
    mkdirSync(path);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(await withLock(path, async () => 'got it', { waitMs: 2000 })).toBe('got it');
  });

  it('gives up with a message naming the lock when it is held too long', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'awst-lock-')), 'x.lock');
    await withLock(path, async () => {
      await expect(withLock(path, async () => 0, { waitMs: 200 })).rejects.toThrow(
        /Another awst process has held/,
      );
    });
  });
});
