// Child processes of the demo. Each runs in its own process group (detached), so stopping it also stops
// what it started (Terraform's provider plugin, the command under `awst run`), and a Ctrl-C reaches the
// demo alone, which then stops them in order and cleans up.
import { spawn } from 'node:child_process';

const running = new Set();
let stopping = false;

export class CommandError extends Error {
  constructor(display, code, signal, stdout, stderr) {
    super(`${display} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`);
    this.stdout = stdout;
    this.stderr = stderr;
  }
}

/**
 * Runs a command to completion and resolves with its output; rejects with a CommandError (holding both
 * outputs) when it fails. `options.input` is written to its stdin.
 */
export function run(command, args, { env, cwd, input, display = [command, ...args].join(' ') } = {}) {
  return new Promise((resolve, reject) => {
    if (stopping) return reject(new Error(`not started (stopping): ${display}`));
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError(display, code, signal, stdout, stderr));
    });
    child.stdin.on('error', () => {}); // a command that exits without reading its input
    child.stdin.end(input ?? '');
  });
}

/** Starts a long-running process (the emulator) in its own group; it is stopped by stopAll or stop(). */
export function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Stops a child's whole process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once it exited. */
export async function stop(child, graceMs = 3000) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  kill('SIGKILL'); // anything left in the group (a plugin that ignored SIGTERM)
}

/** Stops every child still running, commands first and the emulator last; no command starts after this. */
export async function stopAll(last) {
  stopping = true;
  await Promise.all([...running].filter((c) => c !== last).map((c) => stop(c)));
  await stop(last);
}
