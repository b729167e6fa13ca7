import type { AccessKey, AwsApi } from '../aws/types.js';
import { type AwsProfiles, type ProfileEdits, updateProfiles } from '../aws-files/profile-store.js';
import { AwstError } from '../errors.js';
import type { ChainContext, MfaSession } from '../sessions/context.js';
import { SOURCE_KEY_CREATED_KEY } from '../sessions/mfa-session.js';
import { ROTATING_FROM_KEY, ROTATION_STARTED_KEY } from './markers.js';

const SOURCE_KEY_FIELD = 'awst_source_access_key_id';

/**
 * Edits that put the new key wherever the old one was (the mainAccount profile and every other profile of
 * either file holding the old key id), and remember which key is still to be deleted. Throws when the
 * mainAccount profile no longer holds the old key: somebody changed it since the rotation read it.
 */
export function replaceKeyEdits(
  ctx: ChainContext,
  current: AwsProfiles,
  oldKeyId: string,
  created: AccessKey & { createDate?: Date },
): ProfileEdits {
  const main = ctx.config.mainAccountProfile;
  const inFile = current.credentials.get(main)?.aws_access_key_id;
  if (inFile !== oldKeyId) {
    throw new Error(`[${main}] now holds ${inFile ?? 'no key'} instead of ${oldKeyId}`);
  }
  const newKey = { aws_access_key_id: created.accessKeyId, aws_secret_access_key: created.secretAccessKey };
  // Every profile botocore would read the old key from: credentials sections and config-file profiles.
  const credentials: Record<string, Record<string, string>> = {};
  for (const [name, values] of current.credentials) {
    if (values.aws_access_key_id === oldKeyId) credentials[name] = { ...newKey };
  }
  const config: Record<string, Record<string, string>> = {};
  for (const [name, values] of current.config) {
    if (values.aws_access_key_id === oldKeyId) config[name] = { ...newKey };
  }
  credentials[main] = {
    ...credentials[main],
    [ROTATING_FROM_KEY]: oldKeyId,
    [ROTATION_STARTED_KEY]: '',
  };
  // The cached MFA session and the remembered identity stay valid for the new key.
  if (current.credentials.get(ctx.config.mfaSessionProfile)?.[SOURCE_KEY_FIELD] === oldKeyId) {
    credentials[ctx.config.mfaSessionProfile] = {
      [SOURCE_KEY_FIELD]: created.accessKeyId,
      // awst made this key: its age is known without asking IAM again.
      [SOURCE_KEY_CREATED_KEY]: (created.createDate ?? ctx.now()).toISOString(),
    };
  }
  return Object.keys(config).length > 0 ? { credentials, config } : { credentials };
}

/**
 * Writes the new key (one atomic, locked replacement of the file). When that fails the new key is deleted
 * again, so the file and IAM are as before the rotation; only if that delete fails too is the orphan named.
 */
export async function writeNewKey(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  oldKeyId: string,
  created: AccessKey & { createDate?: Date },
): Promise<void> {
  const file = ctx.paths.credentials;
  try {
    await updateProfiles(ctx.paths, (current) => replaceKeyEdits(ctx, current, oldKeyId, created));
    return;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await api.deleteAccessKey(session.credentials, userName, created.accessKeyId);
    } catch (deleteError) {
      throw new AwstError(
        `Could not write the new key ${created.accessKeyId} to ${file} (${reason}), and deleting it again failed (${deleteError instanceof Error ? deleteError.message : deleteError}). ${file} still holds ${oldKeyId}, which works. Remove the unused new key with: awst rotate-keys --delete-key ${created.accessKeyId}`,
        1,
        { cause: error },
      );
    }
    await clearStartMarker(ctx).catch(() => {});
    throw new AwstError(
      `Could not write the new key to ${file} (${reason}). The new key ${created.accessKeyId} was deleted again; ${file} still holds ${oldKeyId}, which works. Nothing changed.`,
      1,
      { cause: error },
    );
  }
}

export function clearStartMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: '' } },
  });
}
