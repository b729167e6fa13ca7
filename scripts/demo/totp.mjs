// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits), as a phone authenticator app computes it, from the
// Base32 seed IAM returns for a virtual MFA device. Also runnable: `node totp.mjs <seed file>` prints the
// current code, which makes it usable as awst's `mfaProcess`.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 Base32 (case-insensitive; padding and spaces ignored). */
export function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not a Base32 character: ${JSON.stringify(char)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP of `counter` with `key` (a Buffer). */
export function hotp(key, counter, { digits = 6, algorithm = 'sha1' } = {}) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * RFC 6238 TOTP at `timeMs` (default now). `seed` is the Base32 text of the device seed, or a Buffer with
 * the raw key. `step` moves that many 30 s windows ahead (1 = the next code, for EnableMFADevice's second).
 */
export function totp(
  seed,
  { timeMs = Date.now(), period = 30, digits = 6, algorithm = 'sha1', step = 0 } = {},
) {
  const key = Buffer.isBuffer(seed) ? seed : base32Decode(seed);
  const counter = Math.floor(timeMs / 1000 / period) + step;
  return hotp(key, counter, { digits, algorithm });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node totp.mjs <file holding the Base32 seed>');
    process.exit(2);
  }
  process.stdout.write(`${totp(readFileSync(file, 'utf8').trim())}\n`);
}
