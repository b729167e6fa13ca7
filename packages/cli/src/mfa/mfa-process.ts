import { spawn } from 'node:child_process';
import { ConfigError } from '../errors.js';

/** After SIGTERM, a command that traps it gets this long before SIGKILL. */
const KILL_GRACE_MS = 2_000;
const AWST_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the configured mfaProcess (e.g. `ykman oath accounts code -s aws`) and takes the last 6-digit number
 * it prints. It runs in a process group of its own, so that on timeout (or when awst is stopped) the whole
 * pipeline goes, not only the shell: `sleep 300 | cat` or a command trapping TERM cannot keep awst waiting.
 * The price: it has no controlling terminal (/dev/tty); it can still write to stderr, e.g. "touch your key".
 */
export function codeFromProcess(command: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    // stderr stays on the terminal: tools like ykman ask to touch the key there.
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // the group is gone already
      }
    };
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      grace = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    // Stopping awst stops the group too: it is not in the terminal's foreground group, so Ctrl-C misses it.
    const onSignal = (signal: NodeJS.Signals) => {
      killGroup('SIGKILL');
      process.kill(process.pid, signal);
    };
    for (const signal of AWST_SIGNALS) process.once(signal, onSignal);
    const done = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      for (const signal of AWST_SIGNALS) process.off(signal, onSignal);
    };
    const fail = (why: string) => {
      done();
      reject(
        new ConfigError(
          `mfaProcess "${command}" ${why}. Fix the command in config.toml or pass --token-code.`,
        ),
      );
    };
    child.on('error', (error) => fail(`could not start (${error.message})`));
    // Once the shell is done, whatever it left in the background would hold stdout open: end it.
    child.on('exit', () => killGroup('SIGKILL'));
    child.on('close', (code, signal) => {
      if (timedOut) return fail(`printed no code in ${duration(timeoutMs)} and was stopped`);
      if (code !== 0) return fail(signal ? `was stopped (${signal})` : `exited with code ${code}`);
      const code6 = stdout.match(/\b\d{6}\b/g)?.at(-1);
      if (!code6) return fail('printed no 6-digit code');
      done();
      resolve(code6);
    });
  });
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
