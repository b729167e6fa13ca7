// Running `node scripts/demo.mjs` from tests, and checking what it leaves behind.
import { spawn, spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
export const DEMO = resolve(REPO, 'scripts/demo.mjs');

/** Starts the demo; `output()` is everything it printed so far, `exited` resolves with code and signal. */
export function startDemo(env = process.env) {
  const child = spawn(process.execPath, [DEMO], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set();
  const onData = (chunk) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolvePromise) =>
    child.on('close', (code, signal) => resolvePromise({ code, signal, output })),
  );
  return {
    child,
    exited,
    output: () => output,
    /** Resolves once the output matches `pattern` (rejects if the demo exits first). */
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolvePromise(match);
          }
        };
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output}`)), timeoutMs);
        listeners.add(check);
        exited.then(() => {
          clearTimeout(timer);
          if (!pattern.exec(output)) reject(new Error(`demo exited before ${pattern}:\n${output}`));
        });
        check();
      });
    },
  };
}

/** The temp HOME, moto's port and pid, as the demo announces them. */
export function announced(output) {
  return {
    home: /temp HOME (\S+)/.exec(output)?.[1],
    port: Number(/moto_server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]),
    pid: Number(/moto_server listening on \S+ \(pid (\d+)\)/.exec(output)?.[1]),
  };
}

export function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portOpen(port) {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/**
 * Processes whose command line mentions `dir`, or (where /proc exists) whose working folder is in it: a
 * Terraform provider plugin runs as `.terraform/providers/…` from the stack folder.
 */
export function processesIn(dir) {
  const out = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes('ps -eo'))
    .filter((line) => {
      if (line.includes(dir)) return true;
      try {
        return readlinkSync(`/proc/${line.split(' ')[0]}/cwd`).startsWith(dir);
      } catch {
        return false; // gone, not ours, or no /proc
      }
    });
}

/** Resolves once `check()` is true (checked every 100 ms); rejects naming `what` after `timeoutMs`. */
export async function waitUntil(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}

/** The repository's untracked and ignored entries, to compare before and after a run. */
export function repoStatus() {
  return spawnSync('git', ['status', '--porcelain', '--ignored'], { cwd: REPO, encoding: 'utf8' }).stdout;
}
