import { UsageError } from '../errors.js';

/** TOTP codes are six digits; anything else is refused before it costs an AWS call. */
export function validateMfaCode(raw: string, origin: string): string {
  const code = raw.trim();
  if (!/^\d{6}$/.test(code)) {
    throw new UsageError(
      `The MFA code ${origin} must be 6 digits${code ? `, not "${code.slice(0, 12)}"` : ''}.`,
    );
  }
  return code;
}
