import type { ChainContext, MfaSession } from '../sessions/context.js';
import { formatMinutes } from '../terminal/time.js';
import { rotateKeys } from './rotate-keys.js';

/**
 * Automatic rotation as awstools did it: after a new MFA session, rotate when the key is older than
 * keyRotationIntervalMinutes, judged by its CreateDate in IAM. It never fails the command that triggered it.
 */
export function autoRotation(
  ctx: ChainContext,
  log: { note: (line: string) => void; warn: (line: string) => void },
) {
  return async (session: MfaSession): Promise<void> => {
    const interval = ctx.config.keyRotationIntervalMinutes;
    if (interval <= 0) return;
    try {
      const keys = await ctx.api().listAccessKeys(session.credentials, session.identity.userName);
      const current = keys.find((k) => k.accessKeyId === session.identity.sourceAccessKeyId);
      if (!current) return;
      const ageMinutes = (ctx.now().getTime() - current.createDate.getTime()) / 60_000;
      if (ageMinutes < interval) return;
      log.note(
        `Your access key is ${formatMinutes(ageMinutes)} old (rotation every ${formatMinutes(interval)}): rotating it.`,
      );
      const result = await rotateKeys(ctx, { session, confirm: async () => false, log: log.note });
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
