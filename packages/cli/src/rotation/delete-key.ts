import { AwsServiceError, isAwsErrorCode } from '../aws/errors.js';
import type { AnyCredentials, AwsApi } from '../aws/types.js';

export interface ConfirmOptions {
  /** How long IAM may go on listing a deleted key (it is eventually consistent: seconds, as a rule). */
  confirmMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type DeleteOutcome =
  | { deleted: true }
  /** `reason`: what AWS or the network said, or that IAM still lists the key after an answer of success. */
  | { deleted: false; reason: string; stillListed: boolean | undefined };

const CONFIRM_MS = 10_000;
const CONFIRM_PAUSE_MS = 1000;

/**
 * DeleteAccessKey, then ListAccessKeys until IAM no longer lists the key: an answer is not proof (an empty
 * `200`, a body cut off, or no answer at all after the delete was done). Only an error AWS itself answered
 * (AccessDenied, say) ends the check at once; NoSuchEntity means the key is gone already, once the list
 * agrees.
 */
export async function deleteKeyConfirmed(
  api: AwsApi,
  credentials: AnyCredentials,
  userName: string,
  keyId: string,
  options: ConfirmOptions = {},
): Promise<DeleteOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  let failure: unknown;
  try {
    await api.deleteAccessKey(credentials, userName, keyId);
  } catch (error) {
    failure = error;
    if (error instanceof AwsServiceError && !isAwsErrorCode(error, 'NoSuchEntity')) {
      return { deleted: false, reason: error.message, stillListed: true };
    }
  }
  const deadline = now() + (options.confirmMs ?? CONFIRM_MS);
  let stillListed: boolean | undefined;
  let listError: unknown;
  for (;;) {
    try {
      const keys = await api.listAccessKeys(credentials, userName);
      stillListed = keys.some((k) => k.accessKeyId === keyId);
      if (!stillListed) return { deleted: true };
    } catch (error) {
      listError = error;
    }
    const left = deadline - now();
    if (left <= 0) break;
    await sleep(Math.min(CONFIRM_PAUSE_MS, left));
  }
  const said = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const reason =
    failure !== undefined
      ? said(failure)
      : stillListed
        ? `AWS answered the delete, but IAM still lists ${keyId}`
        : `AWS answered the delete, but listing the keys to confirm it failed: ${said(listError)}`;
  return { deleted: false, reason, stillListed };
}
