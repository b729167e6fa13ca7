import type { ProfileValues } from '../aws-files/profile-store.js';
import { roleSettings } from '../config/roles.js';
import type { Account, RoleSettings } from '../config/types.js';
import { unfinishedRotation } from '../rotation/markers.js';
import { cachedRoleProvider } from './cache-provider.js';
import { iamUserSource } from './iam-user-source.js';
import type { RoleCredentials } from './providers.js';
import { grantedMinutes, ROLE_CHAINING_MAX_MINUTES } from './refresh-window.js';
import { roleProvider } from './role-provider.js';
import type { ChainContext } from './types.js';

export { chainLockPath, peekRoleCredentials } from './cache-provider.js';
export type { CredentialSource, RoleCredentials } from './providers.js';

/**
 * The credential chain, composed from providers (see providers.ts): the cache provider around the role
 * provider, which assumes the role from the IAM user's identity (key, MFA device, MFA session).
 */
export async function getRoleCredentials(
  chain: ChainContext,
  request: { account: Account; role: string; forceRefresh?: boolean },
): Promise<RoleCredentials> {
  const { account, role } = request;
  // Every prompt below knows the pair, so a command without a terminal can say what to run in one.
  const ctx: ChainContext = {
    ...chain,
    askMfaCode: (question) => chain.askMfaCode({ ...question, pair: { account: account.name, role } }),
  };
  const noteUnfinishedRotation = (stored: Map<string, ProfileValues>) => {
    const unfinished = unfinishedRotation(stored.get(ctx.config.mainAccountProfile), true);
    if (unfinished) ctx.note?.(`awst: ${unfinished}`);
  };
  const provider = cachedRoleProvider(ctx, roleProvider(ctx, iamUserSource(ctx)), noteUnfinishedRotation);
  const { result, newSession } = await provider(request);
  const settings = roleSettings(ctx.config, role);
  if (result.source === 'mfa-session' || result.source === 'new-mfa-session') {
    if (settings.durationMinutes > grantedMinutes(settings)) ctx.noteOnce?.(chainingCapNote(role, settings));
  }
  // Outside the lock: the hook (key rotation) may itself need the chain.
  if (newSession) await ctx.afterNewMfaSession?.(newSession);
  return result;
}

function chainingCapNote(role: string, settings: RoleSettings): string {
  return `${role} is set to last ${settings.durationMinutes} minutes, but AWS ends role sessions assumed from an MFA session (session mode) after ${ROLE_CHAINING_MAX_MINUTES}. For the full length, set mode = "direct" in [roles.${role}] (each new session then asks for an MFA code).`;
}
