import { requireMainKey } from './main-key.js';
import {
  identityFromProfile,
  identityToProfile,
  mfaSessionFromProfile,
  mfaSessionToProfile,
  replacementDevice,
  resolveIdentity,
  withMfaCode,
  withMfaSession,
} from './mfa-session.js';
import type { SourceProvider } from './providers.js';
import type { ChainContext } from './types.js';

/**
 * The IAM user as the source of identity: the long-term key of the mainAccount profile, its MFA device
 * (remembered in the MFA session profile, else asked of IAM) and the cached MFA session.
 */
export function iamUserSource(ctx: ChainContext): SourceProvider {
  return async (profiles) => {
    const key = requireMainKey(ctx, profiles);
    const sessionValues = profiles.credentials.get(ctx.config.mfaSessionProfile);
    const identity = await resolveIdentity(ctx, key, identityFromProfile(sessionValues));
    return {
      identity,
      async withMfaSession(mfaMaxAgeMinutes, use, purpose) {
        const { value, newSession } = await withMfaSession(
          ctx,
          key,
          identity,
          mfaSessionFromProfile(sessionValues),
          mfaMaxAgeMinutes,
          (session) => use(session.credentials),
          purpose,
        );
        return newSession ? { value, newSession, remember: mfaSessionToProfile(newSession) } : { value };
      },
      async withMfaCode(call, why) {
        const { value, serialNumber } = await withMfaCode(
          ctx,
          { serialNumber: identity.mfaSerial, replacement: () => replacementDevice(ctx, key, identity), why },
          (tokenCode, serial) => call(key, { serialNumber: serial, tokenCode }),
        );
        return { value, remember: identityToProfile({ ...identity, mfaSerial: serialNumber }) };
      },
    };
  };
}
