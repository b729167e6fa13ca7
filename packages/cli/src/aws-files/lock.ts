import * as fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { AwstError } from '../errors.js';
import { processExists } from '../runtime/process-exists.js';
import { fileError, resolveTarget } from './atomic-write.js';

/** What the holder of a lock may ask while it works. */
export interface HeldLock {
  /** Throws when the lock was lost (taken over as stale) since it was acquired: do not write then. */
  assertHeld(): void;
}

export interface LockOptions {
  waitMs?: number;
  staleMs?: number;
  /** How long a wait passes without a word before `onWait` is told. Default 1 s. */
  quietMs?: number;
  /** Told once, after a short wait, whom awst is waiting for. Default: a line on stderr. */
  onWait?: (message: string) => void;
}

/** Waits shorter than this pass without a word. */
const QUIET_WAIT_MS = 1000;
const OWNER_FILE = 'owner';

/**
 * The lock for `file` with `suffix`, named after the real file: a symlink and the path it points to
 * (say ~/.aws/credentials → ~/dotfiles/aws-credentials and AWS_SHARED_CREDENTIALS_FILE naming the
 * latter) share one lock.
 */
export async function lockPathFor(file: string, suffix: string): Promise<string> {
  return `${await resolveTarget(file)}${suffix}`;
}

/**
 * Runs `fn` holding an inter-process lock at `lockPath` (a directory, created atomically by proper-lockfile).
 * The holder refreshes it while alive, so a lock left by a killed process goes stale after `staleMs`; a
 * lock whose owner (pid and host, written inside it) is known to be gone is taken over at once.
 */
export async function withLock<T>(
  lockPath: string,
  fn: (lock: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const waitMs = options.waitMs ?? 30_000;
  const staleMs = options.staleMs ?? 10_000;
  try {
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(lockPath, error, false);
  }
  // Loaded here, not at start-up: the cached path reads files and never locks.
  const { lock } = await import('proper-lockfile');
  let lost: Error | undefined;
  const acquire = (ms: number) =>
    lock(lockPath, {
      realpath: false,
      lockfilePath: lockPath,
      stale: staleMs,
      update: Math.floor(staleMs / 2),
      fs: lockFs,
      retries: {
        retries: ms > 0 ? Math.ceil(ms / 20) : 0,
        factor: 1.5,
        minTimeout: 20,
        maxTimeout: 250,
        randomize: true,
        maxRetryTime: ms,
      } as never,
      // Called from a timer: remember it, and refuse to write from then on.
      onCompromised: (error) => {
        lost = error;
      },
    });

  let release: () => Promise<void>;
  try {
    const quiet = Math.min(options.quietMs ?? QUIET_WAIT_MS, waitMs);
    try {
      release = await acquire(quiet);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || waitMs <= quiet) throw error;
      const notify = options.onWait ?? ((m: string) => process.stderr.write(`awst: ${m}\n`));
      notify(
        `waiting for ${describeOwner(lockPath)}, which holds ${lockPath}; awst takes it over when that process is gone, or after ${seconds(staleMs)} without a sign of life, and gives up after ${seconds(waitMs)}.`,
      );
      release = await acquire(waitMs - quiet);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new AwstError(
        `${capitalise(describeOwner(lockPath))} has held ${lockPath} longer than awst waits (${seconds(waitMs)}). Let it finish, or remove that folder if no awst is running.`,
        1,
      );
    }
    throw fileError(lockPath, error, false);
  }
  writeOwner(lockPath);
  const held: HeldLock = {
    assertHeld() {
      if (lost) {
        throw new AwstError(
          `awst lost its lock ${lockPath} while working (another process took it over as stale, e.g. after the computer slept), so it stopped before writing. Run the command again.`,
          1,
          { cause: lost },
        );
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    // A lost lock belongs to its new holder: proper-lockfile's release leaves it alone.
    await release().catch(() => {});
  }
}

interface Owner {
  pid: number;
  host: string;
  since: string;
  command?: string;
}

/** Records who holds the lock, keeping the folder's mtime (proper-lockfile's sign of life) as it was. */
function writeOwner(lockPath: string): void {
  const owner: Owner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv[2],
  };
  try {
    const before = fs.statSync(lockPath);
    fs.writeFileSync(join(lockPath, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
    fs.utimesSync(lockPath, before.atime, before.mtime);
  } catch {
    // Without an owner file a dead holder is found by its stale mtime alone.
  }
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(join(lockPath, OWNER_FILE), 'utf8')) as Owner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

function describeOwner(lockPath: string): string {
  const owner = readOwner(lockPath);
  if (!owner) return 'another awst process';
  const command = owner.command ? ` ${owner.command}` : '';
  const host = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `awst${command} (pid ${owner.pid}${host}, since ${owner.since.slice(11, 19)} UTC)`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function capitalise(text: string): string {
  return text.startsWith('another') ? `A${text.slice(1)}` : text;
}

/** True when the lock's owner ran on this machine and its process no longer exists. */
function ownerIsGone(lockPath: string): boolean {
  const owner = readOwner(lockPath);
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  return !processExists(owner.pid);
}

/**
 * node:fs as proper-lockfile uses it, with two changes: a lock whose owner is gone looks stale at once
 * (so proper-lockfile's own takeover runs), and removing a lock removes the owner file in it first.
 */
const lockFs = {
  ...fs,
  stat(path: string, callback: (error: NodeJS.ErrnoException | null, stat?: fs.Stats) => void) {
    fs.stat(path, (error, stat) => {
      if (error || !stat.isDirectory() || !ownerIsGone(path)) return callback(error, stat);
      callback(null, Object.assign(Object.create(Object.getPrototypeOf(stat)), stat, { mtime: new Date(0) }));
    });
  },
  rmdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
    fs.rm(join(path, OWNER_FILE), { force: true }, () => fs.rmdir(path, callback));
  },
  rmdirSync(path: string) {
    fs.rmSync(join(path, OWNER_FILE), { force: true });
    fs.rmdirSync(path);
  },
};
