import { askOnTerminal } from '../terminal/ask.js';
import { codeFromProcess } from './mfa-process.js';
import { readStdinLine } from './stdin-line.js';
import { validateMfaCode } from './validate.js';

export type CodeOrigin = 'flag' | 'process' | 'stdin' | 'terminal';

export interface MfaCodeRequest {
  tokenCode?: string;
  mfaProcess?: string;
  message: string;
  /** 1 for the first ask; later attempts follow a code AWS rejected. */
  attempt: number;
  /** stdin-first: a piped line wins over the terminal. terminal-first: stdin belongs to someone else (credential_process). */
  order: 'stdin-first' | 'terminal-first';
  stdinWaitMs?: number;
  /** What to say when no source gives a code, instead of the general advice. */
  noTerminal?: string;
}

const NO_SOURCE =
  'An MFA code is needed but there is no terminal to ask on. Pass --token-code, pipe the code on stdin, or set mfaProcess in config.toml.';

/** How long a piped stdin that stays open may take to send its line. */
export const STDIN_WAIT_MS = 10_000;

/** Where the code comes from: --token-code, else mfaProcess, else piped stdin or the terminal. */
export async function getMfaCode(request: MfaCodeRequest): Promise<{ code: string; origin: CodeOrigin }> {
  if (request.tokenCode !== undefined)
    return { code: validateMfaCode(request.tokenCode, 'given with --token-code'), origin: 'flag' };
  if (request.mfaProcess)
    return {
      code: validateMfaCode(await codeFromProcess(request.mfaProcess), 'from mfaProcess'),
      origin: 'process',
    };

  const stdinUsable = request.order === 'stdin-first' && !process.stdin.isTTY && request.attempt === 1;
  let noTerminal = request.noTerminal ?? NO_SOURCE;
  if (stdinUsable) {
    const read = await readStdinLine(request.stdinWaitMs ?? STDIN_WAIT_MS);
    if ('line' in read) return { code: validateMfaCode(read.line, 'read from stdin'), origin: 'stdin' };
    if (read.end === 'silent') {
      noTerminal = `An MFA code is needed: stdin is an open pipe that sent no line in ${Math.round((request.stdinWaitMs ?? STDIN_WAIT_MS) / 1000)} s, and there is no terminal to ask on. Pass --token-code, pipe the code (echo 123456 | awst …), or set mfaProcess in config.toml.`;
    }
  }
  const hint =
    request.attempt > 1 ? ' (AWS refused the last one; codes work once, so wait for the next)' : '';
  const code = await askOnTerminal<string>(
    {
      type: 'input',
      message: `${request.message}${hint}:`,
      validate: (value) => /^\s*\d{6}\s*$/.test(value) || 'Enter the 6 digits your MFA app shows.',
    },
    noTerminal,
  );
  return { code: code.trim(), origin: 'terminal' };
}
