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
  const acquire = async (ms: number) => {
    try {
      return await lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: staleMs,
        update: Math.floor(staleMs / 2),
        fs: lockFs(staleMs),
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
    } catch (error) {
      // The retry library ends a wait that ran out of time with this plain error (no code) when an attempt
      // took longer than the whole wait (a busy machine): the lock was held all along.
      if (error instanceof Error && error.message === 'RetryOperation timeout occurred') throw lockedError();
      throw error;
    }
  };

  let release: () => Promise<void>;
  try {
    const quiet = Math.min(options.quietMs ?? QUIET_WAIT_MS, waitMs);
    try {
      release = await acquire(quiet);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || waitMs <= quiet) throw error;
      const takeover =
        ownerState(lockPath) === 'alive'
          ? 'awst takes it over when that process is gone'
          : `awst takes it over when that process is gone, or after ${seconds(staleMs)} without a sign of life`;
      const message = `waiting for ${describeOwner(lockPath)}, which holds ${lockPath}; ${takeover}, and gives up after ${seconds(waitMs)}.`;
      if (options.onWait) options.onWait(message);
      else if (firstWaiterOnThisTerminal(lockPath)) process.stderr.write(`awst: ${message}\n`);
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

function lockedError(): NodeJS.ErrnoException {
  return Object.assign(new Error('Lock file is already being held'), { code: 'ELOCKED' });
}

interface Owner {
  pid: number;
  host: string;
  /** The kernel's boot id (Linux): a pid recorded before a reboot names some other process now. */
  boot?: string;
  since: string;
  command?: string;
}

let bootId: string | null | undefined;
function currentBoot(): string | undefined {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId ?? undefined;
}

/** Written the moment the lock folder is made, so that no waiter ever sees a fresh lock without its owner. */
function writeOwner(lockPath: string): void {
  const owner: Owner = {
    pid: process.pid,
    host: hostname(),
    boot: currentBoot(),
    since: new Date().toISOString(),
    command: process.argv[2],
  };
  try {
    fs.writeFileSync(join(lockPath, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
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

/** Lock folders this process made and has not removed. */
const madeHere = new Set<string>();

type OwnerState = 'alive' | 'gone' | 'unknown';

/**
 * 'alive' when the lock's owner runs on this machine (another process than this one), 'gone' when it ran
 * here and no longer exists, 'unknown' otherwise (no owner file, another host, or this very process).
 */
function ownerState(lockPath: string): OwnerState {
  const owner = readOwner(lockPath);
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return 'unknown';
  const boot = currentBoot();
  if (owner.boot && boot && owner.boot !== boot) return 'gone';
  return processExists(owner.pid) ? 'alive' : 'gone';
}

/**
 * Waiters that found the lock held and print the "waiting for" line: one per terminal per holder (a note
 * file inside the lock folder), and one for all callers whose stderr is not a terminal, such as the 100
 * credential_process children of one terraform.
 */
function firstWaiterOnThisTerminal(lockPath: string): boolean {
  let where = 'background';
  if (process.stderr.isTTY) {
    try {
      where = fs.readlinkSync('/proc/self/fd/2');
    } catch {
      where = 'terminal';
    }
  }
  try {
    fs.writeFileSync(join(lockPath, `waiting-${where.replace(/[^A-Za-z0-9]+/g, '-')}`), '', {
      flag: 'wx',
      mode: 0o600,
    });
    return true;
  } catch (error) {
    // EEXIST: another waiter on this terminal said it. The lock gone meanwhile: nothing to say.
    return (
      (error as NodeJS.ErrnoException).code !== 'EEXIST' && (error as NodeJS.ErrnoException).code !== 'ENOENT'
    );
  }
}

/**
 * node:fs as proper-lockfile uses it, changed so that a lock is judged by its owner first: one whose owner
 * on this host is alive is never stale (a holder starved of CPU for longer than `staleMs` misses its
 * refreshes but still works), one whose owner is gone is stale at once; only an owner proper-lockfile
 * cannot check (another host, no owner file) is judged by the age of its refreshes. Removal judges again
 * just before it removes, so two waiters that both saw a stale lock cannot remove the fresh lock one of
 * them made in the meantime.
 */
function lockFs(staleMs: number) {
  const removable = (path: string): boolean => {
    // Ours: made by this process (its owner file may be missing, say on a full disk).
    if (madeHere.has(path)) return true;
    const state = ownerState(path);
    if (state !== 'unknown') return state === 'gone';
    try {
      return fs.statSync(path).mtime.getTime() < Date.now() - staleMs;
    } catch {
      return true;
    }
  };
  const remove = (path: string) => {
    for (const entry of fs.readdirSync(path)) fs.rmSync(join(path, entry), { force: true });
    fs.rmdirSync(path);
    madeHere.delete(path);
  };
  return {
    ...fs,
    mkdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      fs.mkdir(path, (error) => {
        if (!error) {
          madeHere.add(path);
          writeOwner(path);
        }
        callback(error);
      });
    },
    stat(path: string, callback: (error: NodeJS.ErrnoException | null, stat?: fs.Stats) => void) {
      fs.stat(path, (error, stat) => {
        if (error || !stat.isDirectory()) return callback(error, stat);
        const state = ownerState(path);
        if (state === 'unknown') return callback(error, stat);
        const mtime = state === 'gone' ? new Date(0) : new Date();
        callback(null, Object.assign(Object.create(Object.getPrototypeOf(stat)), stat, { mtime }));
      });
    },
    rmdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      try {
        if (!removable(path)) return callback(lockedError());
        remove(path);
        callback(null);
      } catch (error) {
        callback(error as NodeJS.ErrnoException);
      }
    },
    rmdirSync(path: string) {
      if (removable(path)) remove(path);
    },
  };
}
