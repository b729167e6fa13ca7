import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwstError } from '../errors.js';

/**
 * Runs `fn` holding an inter-process lock at `lockPath` (a directory, created atomically by proper-lockfile).
 * The holder refreshes it while alive, so a lock left by a killed process goes stale after `staleMs`.
 */
export async function withLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: { waitMs?: number; staleMs?: number } = {},
): Promise<T> {
  const waitMs = options.waitMs ?? 30_000;
  const staleMs = options.staleMs ?? 10_000;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  // Loaded here, not at start-up: the cached path reads files and never locks.
  const { lock } = await import('proper-lockfile');
  const deadline = Date.now() + waitMs;
  let release: () => Promise<void>;
  for (let delay = 20; ; delay = Math.min(delay * 1.5, 250)) {
    try {
      release = await lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: staleMs,
        update: Math.floor(staleMs / 2),
        // A lock we lose (e.g. the machine slept past staleMs) must not crash the process from a timer.
        onCompromised: () => {},
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() + delay > deadline) {
        if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
          throw new AwstError(
            `Another awst process has held ${lockPath} for over ${Math.round(waitMs / 1000)} s. Let it finish, or remove that folder if no awst is running.`,
            1,
          );
        }
        throw error;
      }
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}
