import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { AwstError } from '../errors.js';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the command with the terminal (stdio inherited) and resolves with its exit code: the child's own,
 * or 128 + the signal number when a signal ended it, as shells report it. Signals sent to awst are passed
 * on; a Ctrl-C typed at the terminal already reaches the child directly (same process group), so SIGINT
 * is forwarded only when awst has no terminal — a second SIGINT makes Terraform abort without cleanup.
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    // Handlers first: a signal that arrives while spawn() forks would otherwise end awst (the default
    // action) and leave the command running without it.
    let child: ChildProcess | undefined;
    const forward = (signal: NodeJS.Signals) => {
      if (signal === 'SIGINT' && process.stdin.isTTY) return;
      child?.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const cleanUp = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    try {
      child = spawn(command, args, { env, stdio: 'inherit' });
    } catch (error) {
      cleanUp();
      reject(spawnError(command, error as NodeJS.ErrnoException));
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      reject(spawnError(command, error));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

function spawnError(command: string, error: NodeJS.ErrnoException): AwstError {
  if (error.code === 'ENOENT') {
    return new AwstError(`Command not found: ${command}. Check that it is installed and on your PATH.`, 127, {
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new AwstError(`Command not executable: ${command}. Check its permissions.`, 126, { cause: error });
  }
  return new AwstError(`Could not start ${command}: ${error.message}.`, 126, { cause: error });
}
