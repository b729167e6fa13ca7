import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { getMfaCode } from '../../src/mfa/code-source.js';
import { codeFromProcess } from '../../src/mfa/mfa-process.js';
import { readStdinLine } from '../../src/mfa/stdin-line.js';
import { validateMfaCode } from '../../src/mfa/validate.js';

const tmp = mkdtempSync(join(tmpdir(), 'awst-mfa-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A process that exists and is not a zombie waiting for init to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Polls a condition that the code under test makes true right after it returns (a reaped process). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe('MFA codes', () => {
  it('accepts exactly six digits, trimmed', () => {
    expect(validateMfaCode(' 012345\n', 'x')).toBe('012345');
    for (const bad of ['12345', '1234567', 'abcdef', '']) {
      expect(() => validateMfaCode(bad, 'given with --token-code')).toThrow(UsageError);
    }
  });

  it('takes the last 6-digit number an mfaProcess prints', async () => {
    expect(await codeFromProcess('echo "Touch your key"; echo "aws  123456"')).toBe('123456');
  });

  it('names the command when mfaProcess fails or prints no code', async () => {
    await expect(codeFromProcess('exit 3')).rejects.toThrow(/mfaProcess "exit 3" exited with code 3/);
    await expect(codeFromProcess('echo nothing')).rejects.toThrow(/printed no 6-digit code/);
  });

  it('on timeout stops the whole mfaProcess pipeline, also a part that traps TERM', async () => {
    // Each part records its pid, so the test can check that none outlives the timeout.
    const command = `sh -c 'echo $$ >> ${tmp}/pids; exec sleep 300' | cat & sh -c 'trap "" TERM; echo $$ >> ${tmp}/pids; while :; do sleep 1; done'; echo 123456`;
    await expect(codeFromProcess(command, 300)).rejects.toThrow(/printed no code in 300 ms and was stopped/);
    const pids = readFileSync(join(tmp, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) await waitFor(() => !alive(pid));
  });

  it('ends what the mfaProcess left in the background once it has printed its code', async () => {
    const bg = join(tmp, 'bg');
    const command = `sh -c 'echo $$ > ${bg}.tmp && mv ${bg}.tmp ${bg}; exec sleep 300' & while [ ! -s ${bg} ]; do sleep 0.01; done; echo 123456`;
    expect(await codeFromProcess(command, 10_000)).toBe('123456');
    await waitFor(() => !alive(Number(readFileSync(join(tmp, 'bg'), 'utf8'))));
  });

  it('prefers --token-code, then mfaProcess', async () => {
    const request = { message: 'code', attempt: 1, order: 'stdin-first' as const };
    expect(await getMfaCode({ ...request, tokenCode: '111111', mfaProcess: 'echo 222222' })).toEqual({
      code: '111111',
      origin: 'flag',
    });
    expect(await getMfaCode({ ...request, mfaProcess: 'echo 222222' })).toEqual({
      code: '222222',
      origin: 'process',
    });
    await expect(getMfaCode({ ...request, tokenCode: '12' })).rejects.toThrow('must be 6 digits');
  });
});

describe('one line of piped stdin', () => {
  it('reads a line, or reports end of input', async () => {
    const piped = new PassThrough();
    piped.end('123456\nrest\n');
    expect(await readStdinLine(10_000, piped)).toEqual({ line: '123456' });
    const empty = new PassThrough();
    empty.end();
    expect(await readStdinLine(10_000, empty)).toEqual({ end: 'eof' });
  });

  it('gives up on a pipe that stays open and sends nothing', async () => {
    const silent = new PassThrough();
    expect(await readStdinLine(50, silent)).toEqual({ end: 'silent' });
  });
});
