import { spawn } from 'node:child_process';
import { ConfigError } from '../errors.js';

/** Runs the configured mfaProcess (e.g. `ykman oath accounts code -s aws`) and takes the last 6-digit number it prints. */
export function codeFromProcess(command: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    // stderr stays on the terminal: tools like ykman ask to touch the key there.
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    const fail = (why: string) =>
      reject(
        new ConfigError(
          `mfaProcess "${command}" ${why}. Fix the command in config.toml or pass --token-code.`,
        ),
      );
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(`could not start (${error.message})`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return fail(signal ? `was stopped (${signal})` : `exited with code ${code}`);
      const code6 = stdout.match(/\b\d{6}\b/g)?.at(-1);
      if (!code6) return fail('printed no 6-digit code');
      resolve(code6);
    });
  });
}
