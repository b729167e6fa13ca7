import { isAwsErrorCode } from '../aws/errors.js';
import type { AccessKey, AwsApi } from '../aws/types.js';
import { updateProfiles } from '../aws-files/profile-store.js';
import { AwsError } from '../errors.js';
import type { ChainContext, MfaSession } from '../sessions/context.js';
import { ROTATING_FROM_KEY } from './markers.js';
import { DEFAULT_VERIFY, type VerifyOptions, waitUntilKeyWorks } from './verify-key.js';

/**
 * The last steps, once the file holds the new key: wait until AWS accepts it, then delete the old key
 * with the MFA session. On failure both keys stay and the message says so and how to finish.
 */
export async function verifyThenDeleteOld(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  newKey: AccessKey,
  oldKeyId: string,
  verify: VerifyOptions = DEFAULT_VERIFY,
): Promise<void> {
  const file = ctx.paths.credentials;
  const profile = ctx.config.mainAccountProfile;
  if (!(await waitUntilKeyWorks(api, newKey, verify))) {
    throw new AwsError(
      `The new key ${newKey.accessKeyId} is in [${profile}] of ${file}, but AWS did not accept it within ${Math.round(verify.timeoutMs / 1000)} s (a new key can take a while to propagate). The old key ${oldKeyId} was not deleted: both keys exist in IAM. Finish with: awst rotate-keys`,
    );
  }
  try {
    await api.deleteAccessKey(session.credentials, userName, oldKeyId);
  } catch (error) {
    if (!(await alreadyDeleted(api, session, userName, oldKeyId, error)))
      throw new AwsError(
        `The new key ${newKey.accessKeyId} is in [${profile}] of ${file} and works, but deleting the old key ${oldKeyId} failed (${error instanceof Error ? error.message : error}). Both keys exist in IAM. Finish with: awst rotate-keys`,
        { cause: error },
      );
  }
  await clearFromMarker(ctx);
}

/**
 * NoSuchEntity for the old key: the SDK retried a delete whose answer was lost, and the first attempt did
 * it. IAM's list confirms it, so a NoSuchEntity about something else (the user) is not taken for success.
 */
async function alreadyDeleted(
  api: AwsApi,
  session: MfaSession,
  userName: string,
  keyId: string,
  error: unknown,
): Promise<boolean> {
  if (!isAwsErrorCode(error, 'NoSuchEntity')) return false;
  const keys = await api.listAccessKeys(session.credentials, userName).catch(() => undefined);
  return keys !== undefined && !keys.some((k) => k.accessKeyId === keyId);
}

export function clearFromMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATING_FROM_KEY]: '' } },
  });
}
