import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { getMfaCode } from '../../src/mfa/code-source.js';
import { codeFromProcess } from '../../src/mfa/mfa-process.js';
import { validateMfaCode } from '../../src/mfa/validate.js';

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
