import { AwsError, MfaCodeRejectedError } from '../errors.js';

/** The cached MFA session no longer works (expired early, or its key was deleted): get a new one. */
export class SessionInvalidError extends AwsError {}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const sessionInvalidCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId']);

/** Turns an SDK or network error into an AwstError with a message a user can act on. */
export function translateAwsError(error: unknown, action: string): AwsError {
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const message = (e.message ?? String(error)).trim();
  if (/MultiFactorAuthentication failed/i.test(message)) {
    return new MfaCodeRejectedError(
      `AWS rejected the MFA code (${message.replace(/\.$/, '')}). Codes are single-use: wait for the next one and try again.`,
      { cause: error },
    );
  }
  if (
    sessionInvalidCodes.has(name) ||
    /security token included in the request is (invalid|expired)/i.test(message)
  ) {
    return new SessionInvalidError(`${action} failed: ${message}`, { cause: error });
  }
  const network = networkCause(error);
  if (network) {
    const endpoint = process.env.AWS_ENDPOINT_URL ? ` at ${process.env.AWS_ENDPOINT_URL}` : '';
    return new AwsError(
      `Could not reach AWS${endpoint} to ${action} (${network}). Check your network connection${endpoint ? ' and AWS_ENDPOINT_URL' : ''}.`,
      { cause: error },
    );
  }
  if (/role chaining/i.test(message)) {
    return new AwsError(
      `${action} failed: ${message} Use mode = "direct" for this role in config.toml to get longer sessions.`,
      { cause: error },
    );
  }
  return new AwsError(`${action} failed: ${name}: ${message.replace(/\.$/, '')}.`, { cause: error });
}

function networkCause(error: unknown): string | undefined {
  for (
    let e = error as { code?: string; cause?: unknown; name?: string } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (
      typeof e.code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(e.code)
    ) {
      return e.code;
    }
    if (e.name === 'TimeoutError') return 'timed out';
    e = e.cause as typeof e;
  }
  return undefined;
}
