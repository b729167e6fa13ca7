import type { AccessKey, AwsApi } from '../aws/types.js';
import { type AwsProfiles, type ProfileEdits, updateProfiles } from '../aws-files/profile-store.js';
import { AwstError } from '../errors.js';
import { SOURCE_KEY_CREATED_KEY, SOURCE_KEY_ID_KEY } from '../sessions/mfa-session.js';
import type { ChainContext, MfaSession } from '../sessions/types.js';
import { type ConfirmOptions, deleteKeyConfirmed } from './delete-key.js';
import {
  clearStartMarker,
  ROTATING_FROM_KEY,
  ROTATING_FROM_SECRET_KEY,
  ROTATION_STARTED_KEY,
  UNVERIFIED_KEY_ID_KEY,
  UNVERIFIED_SECRET_KEY,
} from './markers.js';

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
  const oldSecret = current.credentials.get(main)?.aws_secret_access_key ?? '';
  const edits = swapKeyEdits(ctx, current, oldKeyId, created, () => created.createDate ?? ctx.now());
  edits.credentials[main] = {
    ...edits.credentials[main],
    [ROTATING_FROM_KEY]: oldKeyId,
    [ROTATING_FROM_SECRET_KEY]: oldSecret,
    [ROTATION_STARTED_KEY]: '',
    [UNVERIFIED_KEY_ID_KEY]: '',
    [UNVERIFIED_SECRET_KEY]: '',
  };
  return edits;
}

/**
 * The undo of replaceKeyEdits, when AWS did not accept the new key in time: the old key goes back wherever
 * the new one was, and the new key is kept beside it (unverified) so that a later run can finish.
 */
export function restoreOldKeyEdits(
  ctx: ChainContext,
  current: AwsProfiles,
  newKey: AccessKey,
  oldKey: AccessKey,
): ProfileEdits {
  const main = ctx.config.mainAccountProfile;
  // The old key's age is IAM's to say again (automatic rotation then finishes the rotation).
  const edits = swapKeyEdits(ctx, current, newKey.accessKeyId, oldKey, undefined);
  edits.credentials[main] = {
    ...edits.credentials[main],
    [ROTATING_FROM_KEY]: '',
    [ROTATING_FROM_SECRET_KEY]: '',
    [UNVERIFIED_KEY_ID_KEY]: newKey.accessKeyId,
    [UNVERIFIED_SECRET_KEY]: newKey.secretAccessKey,
  };
  return edits;
}

function swapKeyEdits(
  ctx: ChainContext,
  current: AwsProfiles,
  oldKeyId: string,
  created: AccessKey,
  createdAt: (() => Date) | undefined,
): ProfileEdits & { credentials: Record<string, Record<string, string>> } {
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
  // The cached MFA session and the remembered identity stay valid for the new key.
  if (current.credentials.get(ctx.config.mfaSessionProfile)?.[SOURCE_KEY_ID_KEY] === oldKeyId) {
    credentials[ctx.config.mfaSessionProfile] = {
      [SOURCE_KEY_ID_KEY]: created.accessKeyId,
      // awst made this key: its age is known without asking IAM again.
      [SOURCE_KEY_CREATED_KEY]: createdAt ? createdAt().toISOString() : '',
    };
  }
  return Object.keys(config).length > 0 ? { credentials, config } : { credentials };
}

/**
 * Keeps the new key beside the old one (unverified markers in the mainAccount profile), one atomic,
 * locked replacement of the file: the file goes on holding the old key, which works, while AWS makes the
 * new one usable, and a crash from here on leaves what the next run needs to finish. When the write fails
 * the new key is deleted again, so the file and IAM are as before the rotation; only if that delete fails
 * too is the orphan named.
 */
export async function writeNewKey(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  oldKeyId: string,
  created: AccessKey & { createDate?: Date },
  confirm?: ConfirmOptions,
): Promise<void> {
  const file = ctx.paths.credentials;
  const main = ctx.config.mainAccountProfile;
  try {
    await updateProfiles(ctx.paths, (current) => {
      const inFile = current.credentials.get(main)?.aws_access_key_id;
      if (inFile !== oldKeyId)
        throw new Error(`[${main}] now holds ${inFile ?? 'no key'} instead of ${oldKeyId}`);
      return {
        credentials: {
          [main]: {
            [ROTATION_STARTED_KEY]: '',
            [UNVERIFIED_KEY_ID_KEY]: created.accessKeyId,
            [UNVERIFIED_SECRET_KEY]: created.secretAccessKey,
          },
        },
      };
    });
    return;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const outcome = await deleteKeyConfirmed(
      api,
      session.credentials,
      userName,
      created.accessKeyId,
      confirm,
    );
    if (!outcome.deleted) {
      throw new AwstError(
        `Could not write the new key ${created.accessKeyId} to ${file} (${reason}), and deleting it again was not confirmed (${outcome.reason.replace(/\.$/, '')}). ${file} still holds ${oldKeyId}, which works. Remove the unused new key with: awst rotate-keys --delete-key ${created.accessKeyId}`,
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
