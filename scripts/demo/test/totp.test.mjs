import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base32Decode, hotp, totp } from '../totp.mjs';

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890", 8-digit codes.
const RFC_KEY = Buffer.from('12345678901234567890');
const RFC_VECTORS = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 SHA-1 vector at T=%i', (seconds, code) => {
    expect(totp(RFC_KEY, { timeMs: seconds * 1000, digits: 8 })).toBe(code);
  });

  it('gives the last 6 digits by default, and the same from the Base32 form of the key', () => {
    // base32("12345678901234567890") = GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
    const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(base32Decode(seed)).toEqual(RFC_KEY);
    expect(totp(seed, { timeMs: 59_000 })).toBe('287082');
    expect(totp(seed.toLowerCase(), { timeMs: 1111111109_000 })).toBe('081804');
  });

  it('step 1 is the next window’s code', () => {
    expect(totp(RFC_KEY, { timeMs: 29_000, step: 1, digits: 8 })).toBe('94287082');
  });

  it('HOTP matches RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expect(expected.map((_, i) => hotp(RFC_KEY, i))).toEqual(expected);
  });

  it('rejects text that is not Base32', () => {
    expect(() => base32Decode('ABC1')).toThrow(/Base32/);
  });

  it('prints the current code when run with a seed file (for mfaProcess)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awst-totp-'));
    try {
      const file = join(dir, 'seed');
      writeFileSync(file, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n');
      const out = spawnSync(process.execPath, [new URL('../totp.mjs', import.meta.url).pathname, file], {
        encoding: 'utf8',
      });
      expect(out.status).toBe(0);
      expect(out.stdout).toMatch(/^\d{6}\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
