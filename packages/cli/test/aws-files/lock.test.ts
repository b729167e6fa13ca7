import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { lockPathFor, withLock } from '../../src/aws-files/lock.js';

function tempLock(): string {
  return join(mkdtempSync(join(tmpdir(), 'awst-lock-')), 'x.lock');
}

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  // /bin/true starts in a millisecond; node took ~100 ms.
  const { pid, status } = spawnSync('true');
  if (status !== 0 || !pid) throw new Error('could not run true');
  return pid;
}

describe('withLock', () => {
  it('runs holders one at a time', async () => {
    const path = tempLock();
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
    const path = tempLock();
    mkdirSync(path);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(await withLock(path, async () => 'got it', { waitMs: 2000 })).toBe('got it');
  });

  it('takes over at once, without waiting for staleness, when the owner process on this host is gone', async () => {
    const path = tempLock();
    mkdirSync(path);
    writeFileSync(
      join(path, 'owner'),
      JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }),
    );
    // Fresh mtime: by age alone this lock would be waited on for a minute.
    const notices: string[] = [];
    const got = await withLock(path, async () => 'got it', {
      staleMs: 60_000,
      waitMs: 500,
      onWait: (m) => notices.push(m),
    });
    expect(got).toBe('got it');
    expect(notices).toEqual([]);
  });

  it('22.4 [herd] never takes over a lock whose owner is alive on this host, however old its last refresh', async () => {
    const path = tempLock();
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' });
    onTestFinished(() => {
      owner.kill();
    });
    mkdirSync(path);
    writeFileSync(
      join(path, 'owner'),
      JSON.stringify({ pid: owner.pid, host: hostname(), since: new Date().toISOString() }),
    );
    // A holder starved of CPU: its last refresh is far older than staleMs.
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    await expect(
      withLock(path, async () => 'stolen', { staleMs: 2000, waitMs: 3000, quietMs: 0, onWait: () => {} }),
    ).rejects.toThrow(/has held .*x\.lock longer than awst waits \(3 s\)/);
    owner.kill();
    await new Promise((r) => owner.once('exit', r));
    // Once the owner is gone the lock is taken over at once.
    expect(await withLock(path, async () => 'got it', { staleMs: 60_000, waitMs: 2000 })).toBe('got it');
  });

  it('22.4 [herd] a wait whose first attempt outlasts the quiet time still waits (retry timeout = still locked)', async () => {
    const path = tempLock();
    let waiter: Promise<string> | undefined;
    await withLock(path, async () => {
      waiter = withLock(path, async () => 'second', { waitMs: 30_000, quietMs: 5, onWait: () => {} });
      // A busy machine: every turn of the event loop takes 10 ms, so the waiter's first attempt outlasts its
      // 5 ms quiet wait and the retry library reports "RetryOperation timeout occurred".
      for (let turn = 0; turn < 30; turn++) {
        await new Promise((r) => setImmediate(r));
        const until = Date.now() + 10;
        while (Date.now() < until) {}
      }
    });
    expect(await waiter).toBe('second');
  });

  it('22.6 [message] prints the waiting line once among callers whose stderr is not a terminal', async () => {
    const path = tempLock();
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    onTestFinished(() => {
      spy.mockRestore();
    });
    let waiters: Promise<unknown>[] = [];
    await withLock(path, async () => {
      waiters = Array.from({ length: 5 }, () =>
        withLock(path, async () => 0, { waitMs: 30_000, quietMs: 20 }),
      );
      await vi.waitFor(() => expect(writes.length).toBeGreaterThan(0), { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
    });
    await Promise.all(waiters);
    spy.mockRestore();
    expect(writes.filter((w) => w.includes('waiting for'))).toHaveLength(1);
  });

  it('12.13 [message] says whom it waits for when the wait is noticeable', async () => {
    const path = tempLock();
    const notices: string[] = [];
    let waiter: Promise<string> | undefined;
    await withLock(path, async () => {
      waiter = withLock(path, async () => 'second', {
        waitMs: 30_000,
        quietMs: 50,
        onWait: (m) => notices.push(m),
      });
      await vi.waitFor(() => expect(notices).toHaveLength(1), { timeout: 5000 });
    });
    expect(await waiter).toBe('second');
    expect(notices[0]).toMatch(
      new RegExp(
        `waiting for awst \\S* ?\\(pid ${process.pid}, since \\d\\d:\\d\\d:\\d\\d UTC\\), which holds .*x\\.lock`,
      ),
    );
    expect(notices[0]).toMatch(
      /takes it over when that process is gone, or after 10 s without a sign of life, and gives up after 30 s/,
    );
  });

  it('gives up with a message naming the holder and the lock when it is held too long', async () => {
    const path = tempLock();
    await withLock(path, async () => {
      await expect(withLock(path, async () => 0, { waitMs: 100 })).rejects.toThrow(
        new RegExp(
          `\\(pid ${process.pid}, since .*\\) has held .*x\\.lock longer than awst waits \\(100 ms\\)`,
        ),
      );
    });
  });

  it('11.9 [loss] a lock lost while held (stolen as stale) makes assertHeld refuse to write', async () => {
    const path = tempLock();
    // proper-lockfile refreshes every second at the least: a fake clock brings that second at once.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    await expect(
      withLock(
        path,
        async (held) => {
          held.assertHeld();
          // Another process decides the lock is stale and takes it.
          rmSync(path, { recursive: true });
          mkdirSync(path);
          // proper-lockfile notices on its next refresh (every second with staleMs 2000).
          await vi.advanceTimersByTimeAsync(1000);
          await vi.waitFor(() => expect(() => held.assertHeld()).toThrow(), { timeout: 10_000 });
          held.assertHeld();
        },
        { staleMs: 2000 },
      ),
    ).rejects.toThrow(
      /lost its lock .*x\.lock while working .* stopped before writing\. Run the command again/,
    );
    // The thief's lock is left in place.
    expect(() => mkdirSync(path)).toThrow(/EEXIST/);
  });
});

describe('lockPathFor', () => {
  it('12.2 [loss] names the lock after the real file, so a symlink and its target share it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awst-lock-'));
    mkdirSync(join(dir, 'dotfiles'));
    mkdirSync(join(dir, '.aws'));
    writeFileSync(join(dir, 'dotfiles', 'credentials'), '');
    symlinkSync(join('..', 'dotfiles', 'credentials'), join(dir, '.aws', 'credentials'));
    const viaLink = await lockPathFor(join(dir, '.aws', 'credentials'), '.awst.lock');
    expect(viaLink).toBe(await lockPathFor(join(dir, 'dotfiles', 'credentials'), '.awst.lock'));
    expect(viaLink).toMatch(/dotfiles\/credentials\.awst\.lock$/);
  });
});
