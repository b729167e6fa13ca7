import { AwsError, MfaCodeRejectedError } from '../errors.js';
import { CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './client-config.js';

/** The cached MFA session no longer works (expired early, or its key was deleted): get a new one. */
export class SessionInvalidError extends AwsError {}

/**
 * AWS answered with an error code, kept for callers that decide on it: the wire code (`NoSuchEntity`), also
 * when the SDK names its class `NoSuchEntityException`.
 */
export class AwsServiceError extends AwsError {
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code.replace(/Exception$/, '');
  }
}

/** True when `error` is AWS's answer `code` (e.g. NoSuchEntity), not a network failure or another code. */
export function isAwsErrorCode(error: unknown, code: string): boolean {
  return error instanceof AwsServiceError && error.code === code;
}

/** How a failed call was made, so the message can name what to fix. */
export interface CallContext {
  /** What awst was doing, e.g. "look up your IAM user (iam:GetUser)". */
  action: string;
  /** The URL the request went to (or would have), for network failures. */
  endpoint: string;
  /** Set when the call was signed with the long-term key: where that key is kept. */
  mainKey?: {
    accessKeyId: string;
    profile: string;
    file: string;
    /** Set when the profile's markers say a key rotation is unfinished: what to run instead of aws configure. */
    unfinishedRotation?: string;
  };
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const sessionInvalidCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId']);
const unknownKeyCodes = new Set(['InvalidClientTokenId', 'UnrecognizedClientException']);
const skewCodes = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'InvalidSignatureException']);

/** Turns an SDK or network error into an AwstError with a message a user can act on. */
export function translateAwsError(error: unknown, call: CallContext): AwsError {
  const { action } = call;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const message = (e.message ?? String(error)).trim();
  if (/MultiFactorAuthentication failed/i.test(message)) {
    return new MfaCodeRejectedError(
      `AWS rejected the MFA code (${message.replace(/\.$/, '')}). Codes are single-use: wait for the next one and try again.`,
      { cause: error },
    );
  }
  if (skewCodes.has(name) || /signature expired|request has expired|time.*skew/i.test(message)) {
    return new AwsError(
      `AWS refused the request because this computer's clock is wrong (${message.replace(/\.$/, '')}). Set the clock right (e.g. turn on network time: sudo timedatectl set-ntp true) and try again.`,
      { cause: error },
    );
  }
  const key = call.mainKey;
  if (
    key &&
    (unknownKeyCodes.has(name) || /security token included in the request is invalid/i.test(message))
  ) {
    if (key.unfinishedRotation) {
      return new AwsServiceError(
        `AWS does not accept the access key ${key.accessKeyId} in [${key.profile}] of ${key.file} (yet). ${key.unfinishedRotation}`,
        name,
        { cause: error },
      );
    }
    return new AwsServiceError(
      `AWS does not accept the access key ${key.accessKeyId} in [${key.profile}] of ${key.file}: it was deleted, deactivated or mistyped. Put a current key there with: aws configure --profile ${key.profile} (or ask your administrator for a new key).`,
      name,
      { cause: error },
    );
  }
  if (key && name === 'SignatureDoesNotMatch') {
    return new AwsServiceError(
      `The secret access key in [${key.profile}] of ${key.file} does not belong to the key ${key.accessKeyId} (AWS says the signature does not match). Enter the key pair again with: aws configure --profile ${key.profile}`,
      name,
      { cause: error },
    );
  }
  if (
    sessionInvalidCodes.has(name) ||
    /security token included in the request is (invalid|expired)/i.test(message)
  ) {
    return new SessionInvalidError(`${action} failed: ${message}`, { cause: error });
  }
  // An answer cut off or empty: the SDK's own words point at a field the user never sees.
  if (/Deserialization error|XML parse error|unexpected end of input|\$response/i.test(message)) {
    return new AwsError(
      `AWS's answer to ${action} could not be read (it was cut off or empty), so whether it was done is unknown. Try again; if it keeps happening, check a proxy or VPN between you and AWS.`,
      { cause: error },
    );
  }
  const network = networkCause(error);
  if (network) {
    const configured = call.endpoint && !/\.amazonaws\.com(\.cn)?\/?$/.test(call.endpoint);
    return new AwsError(
      `Could not reach AWS at ${call.endpoint || 'its endpoint'} to ${action} (${network}). Check your network connection${configured ? ' and the endpoint set in AWS_ENDPOINT_URL' : ' (a VPN, proxy or captive portal can hold requests)'}, then try again.`,
      { cause: error },
    );
  }
  if (/role chaining/i.test(message)) {
    return new AwsError(
      `${action} failed: ${message} Use mode = "direct" for this role in config.toml to get longer sessions.`,
      { cause: error },
    );
  }
  if (name.replace(/Exception$/, '') === 'AccessDenied') {
    const who = key ? `the key in [${key.profile}]` : 'your MFA session';
    return new AwsServiceError(
      `AWS denied ${who} the right to ${action}: ${message.replace(/\.$/, '')}. Ask your administrator to allow it.`,
      name,
      { cause: error },
    );
  }
  return new AwsServiceError(`${action} failed: ${name}: ${message.replace(/\.$/, '')}.`, name, {
    cause: error,
  });
}

/** A network failure or time-out anywhere in the cause chain, as a few words for the message. */
function networkCause(error: unknown): string | undefined {
  for (
    let e = error as { code?: string; cause?: unknown; name?: string; message?: string } | undefined,
      depth = 0;
    e && depth < 5;
    depth++
  ) {
    // The SDK names a connection the other end closed before answering TimeoutError too ("socket hang up").
    if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || /socket hang up/.test(e.message ?? '')) {
      return 'the connection was closed without an answer';
    }
    if (e.name === 'TimeoutError') {
      return /establish a connection/.test(e.message ?? '')
        ? `no connection within ${CONNECT_TIMEOUT_MS / 1000} s`
        : `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
    }
    if (e.name === 'AbortError') return 'no answer in time';
    if (
      typeof e.code === 'string' &&
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)$/.test(e.code)
    ) {
      return e.code;
    }
    e = e.cause as typeof e;
  }
  return undefined;
}
