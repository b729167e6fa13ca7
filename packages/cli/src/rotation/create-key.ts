import type { AccessKey, AwsApi } from '../aws/types.js';
import { updateProfiles } from '../aws-files/profile-store.js';
import { AwsError } from '../errors.js';
import type { ChainContext, MfaSession } from '../sessions/context.js';
import { ROTATION_STARTED_KEY } from './markers.js';
import { clearStartMarker } from './replace-key.js';

/**
 * CreateAccessKey, preceded by the start marker so that a crash between the create and the write leaves
 * a trace: the next run recognises the key it cannot use as the orphan of this rotation. When the create
 * fails, IAM is asked whether a key appeared anyway (a lost response); only if none did is the marker removed.
 */
export async function createNewKey(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  oldKeyId: string,
): Promise<AccessKey & { createDate?: Date }> {
  await updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: ctx.now().toISOString() } },
  });
  try {
    return await api.createAccessKey(session.credentials, userName);
  } catch (error) {
    const file = ctx.paths.credentials;
    const reason = error instanceof Error ? error.message : String(error);
    let extra: string[];
    try {
      const keys = await api.listAccessKeys(session.credentials, userName);
      extra = keys.map((k) => k.accessKeyId).filter((id) => id !== oldKeyId);
    } catch {
      throw new AwsError(
        `${reason} ${file} still holds ${oldKeyId}, which works. If a new key was created anyway, the next awst rotate-keys names it and offers to delete it.`,
        { cause: error },
      );
    }
    if (extra.length) {
      throw new AwsError(
        `${reason} IAM nevertheless shows a new key ${extra.join(', ')} whose secret never arrived; ${file} still holds ${oldKeyId}, which works. Delete the unusable key with: awst rotate-keys --delete-key ${extra[0]}`,
        { cause: error },
      );
    }
    await clearStartMarker(ctx).catch(() => {});
    throw new AwsError(`${reason} No key was created; ${file} still holds ${oldKeyId}, which works.`, {
      cause: error,
    });
  }
}
