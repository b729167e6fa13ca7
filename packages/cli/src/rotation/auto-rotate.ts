import { updateProfiles } from '../aws-files/profile-store.js';
import { SOURCE_KEY_CREATED_KEY } from '../sessions/mfa-session.js';
import type { ChainContext, MfaSession } from '../sessions/types.js';
import { formatMinutes } from '../terminal/time.js';
import { rotateKeys } from './rotate-keys.js';

/**
 * Automatic rotation as awstools did it: after a new MFA session, rotate when the key is older than
 * keyRotationIntervalMinutes, judged by its CreateDate in IAM. The date is remembered next to the identity
 * (and known for keys awst made), so IAM is asked once per key. It never fails the command that triggered it.
 */
export function autoRotation(
  ctx: ChainContext,
  log: { note: (line: string) => void; warn: (line: string) => void },
  /**
   * For commands whose caller waits for their output (credential-process, run): starts the rotation in a
   * process of its own, so that the caller, whose credentials are ready, does not wait for AWS to accept
   * a new key. Without it the rotation runs here.
   */
  inBackground?: () => Promise<void>,
) {
  return async (session: MfaSession): Promise<void> => {
    const interval = ctx.config.keyRotationIntervalMinutes;
    if (interval <= 0) return;
    try {
      const createDate = session.identity.sourceKeyCreatedAt ?? (await askCreateDate(ctx, session));
      if (!createDate) return;
      const ageMinutes = (ctx.now().getTime() - createDate.getTime()) / 60_000;
      if (ageMinutes < interval) return;
      const age = `Your access key is ${formatMinutes(ageMinutes)} old (rotation every ${formatMinutes(interval)})`;
      if (inBackground) {
        await inBackground();
        log.note(`${age}: rotating it in the background (as awst rotate-keys).`);
        return;
      }
      log.note(`${age}: rotating it.`);
      // A rotation already under way (another awst) is left to finish: no waiting here.
      const result = await rotateKeys(ctx, {
        session,
        confirm: async () => false,
        log: log.note,
        lockWaitMs: 1000,
      });
      log.note(
        `Rotated the access key of ${result.userName}: ${result.oldKeyId} → ${result.newKeyId} (${result.seconds} s).`,
      );
    } catch (error) {
      log.warn(
        `automatic key rotation failed: ${error instanceof Error ? error.message : String(error)} Your role credentials are fine; run awst rotate-keys to retry.`,
      );
    }
  };
}

/** The key's CreateDate from IAM, written beside the identity it belongs to (unless the key changed meanwhile). */
async function askCreateDate(ctx: ChainContext, session: MfaSession): Promise<Date | undefined> {
  const keyId = session.identity.sourceAccessKeyId;
  const keys = await ctx.api().listAccessKeys(session.credentials, session.identity.userName);
  const createDate = keys.find((k) => k.accessKeyId === keyId)?.createDate;
  if (!createDate) return undefined;
  const profile = ctx.config.mfaSessionProfile;
  await updateProfiles(ctx.paths, (current) =>
    current.credentials.get(profile)?.awst_source_access_key_id === keyId
      ? { credentials: { [profile]: { [SOURCE_KEY_CREATED_KEY]: createDate.toISOString() } } }
      : {},
  );
  return createDate;
}
