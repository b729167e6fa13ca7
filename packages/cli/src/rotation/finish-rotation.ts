import type { AccessKey, AwsApi } from '../aws/types.js';
import { readCredentialsProfiles, updateProfiles } from '../aws-files/profile-store.js';
import { AwsError } from '../errors.js';
import type { ChainContext, MfaSession } from '../sessions/types.js';
import { type ConfirmOptions, deleteKeyConfirmed } from './delete-key.js';
import { clearFromMarker } from './markers.js';
import { restoreOldKeyEdits } from './replace-key.js';
import { DEFAULT_VERIFY, type VerifyOptions, waitUntilKeyWorks } from './verify-key.js';

/**
 * The last steps, once the file holds the new key: wait until AWS accepts it, then delete the old key
 * with the MFA session, and see IAM confirm it. When AWS does not accept the new key in time and the old
 * key's secret is known, the old key goes back into the file and the new one is kept beside it, so that
 * every tool keeps working and a later `awst rotate-keys` can finish.
 */
export async function verifyThenDeleteOld(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  newKey: AccessKey,
  old: { accessKeyId: string; secretAccessKey?: string },
  verify: VerifyOptions = DEFAULT_VERIFY,
  confirm: ConfirmOptions = {},
  /** AWS accepted the new key a moment ago (the caller checked): no need to ask again. */
  accepted = false,
): Promise<void> {
  const file = ctx.paths.credentials;
  const profile = ctx.config.mainAccountProfile;
  const oldKeyId = old.accessKeyId;
  const check = accepted ? undefined : await waitUntilKeyWorks(api, newKey, verify);
  if (check && !check.works) {
    const waited = `AWS did not accept the new key ${newKey.accessKeyId} within ${Math.round(verify.timeoutMs / 1000)} s (IAM can take longer to make a new key usable; its last answer: ${check.lastError}).`;
    if (old.secretAccessKey) {
      const oldKey = { accessKeyId: oldKeyId, secretAccessKey: old.secretAccessKey };
      const restored = await updateProfiles(ctx.paths, (current) =>
        restoreOldKeyEdits(ctx, current, newKey, oldKey),
      ).then(
        () => true,
        () => false,
      );
      if (restored) {
        throw new AwsError(
          `${waited} [${profile}] of ${file} holds the old key ${oldKeyId} again, which works; the new key is kept beside it and both keys exist in IAM. Finish the rotation in a minute or two with: awst rotate-keys`,
        );
      }
    }
    throw new AwsError(
      `${waited} The new key is in [${profile}] of ${file}; the old key ${oldKeyId} was not deleted: both keys exist in IAM. Finish the rotation in a minute or two with: awst rotate-keys`,
    );
  }
  // Another program may have rewritten the file since (say, aws configure set from a copy it read before):
  // deleting the old key then would lock the user out.
  const inFile = (await readCredentialsProfiles(ctx.paths)).get(profile)?.aws_access_key_id;
  if (inFile !== newKey.accessKeyId) {
    throw new AwsError(
      `The new key ${newKey.accessKeyId} works, but [${profile}] of ${file} now holds ${inFile ?? 'no key'} (another program changed the file), so the old key ${oldKeyId} was not deleted: both keys exist in IAM. Check the file, then finish with: awst rotate-keys`,
    );
  }
  const outcome = await deleteKeyConfirmed(api, session.credentials, userName, oldKeyId, confirm);
  if (!outcome.deleted) {
    const state =
      outcome.stillListed === false
        ? ''
        : outcome.stillListed
          ? ' IAM still lists both keys.'
          : ' Whether IAM still holds it is unknown.';
    throw new AwsError(
      `The new key ${newKey.accessKeyId} is in [${profile}] of ${file} and works, but deleting the old key ${oldKeyId} was not confirmed (${outcome.reason.replace(/\.$/, '')}).${state} Finish with: awst rotate-keys`,
    );
  }
  await clearFromMarker(ctx);
}
