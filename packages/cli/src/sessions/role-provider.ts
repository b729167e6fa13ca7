import { partitionOfArn, roleArnIn } from '../aws/partition.js';
import { roleSettings } from '../config/roles.js';
import type { Account, RoleSettings } from '../config/types.js';
import type { ObtainedRole, RoleProvider, SourceIdentity, SourceProvider } from './providers.js';
import { grantedMinutes } from './refresh-window.js';
import type { ChainContext } from './types.js';

/** The role's ARN in the partition of the user's MFA device (aws, aws-cn, aws-us-gov). */
export function roleArn(account: Account, role: string, mfaSerial?: string): string {
  return roleArnIn(partitionOfArn(mfaSerial) ?? 'aws', account.id, role);
}

/** Role sessions assumed from an MFA session are capped at one hour by AWS; never ask for more. */
export function sessionModeDurationSeconds(settings: RoleSettings): number {
  return grantedMinutes({ ...settings, mode: 'session' }) * 60;
}

type Assumer = (
  ctx: ChainContext,
  source: SourceIdentity,
  target: { roleArn: string; role: string },
  settings: RoleSettings,
) => Promise<ObtainedRole>;

/** Session mode: AssumeRole with the MFA session's credentials (role chaining: at most an hour). */
const fromMfaSession: Assumer = async (ctx, source, target, settings) => {
  const durationSeconds = sessionModeDurationSeconds(settings);
  ctx.debug?.('AssumeRole from the MFA session', {
    roleArn: target.roleArn,
    mode: 'session',
    durationMinutes: durationSeconds / 60,
  });
  const { value, newSession, remember } = await source.withMfaSession(
    settings.mfaMaxAgeMinutes,
    (credentials) =>
      ctx.api().assumeRole(credentials, {
        roleArn: target.roleArn,
        roleSessionName: source.identity.userName,
        durationSeconds,
      }),
    target.role,
  );
  if (!newSession) return { roleArn: target.roleArn, credentials: value, source: 'mfa-session' };
  return {
    roleArn: target.roleArn,
    credentials: value,
    source: 'new-mfa-session',
    ...(remember ? { sourceProfile: remember } : {}),
    newSession,
  };
};

/** Direct mode: AssumeRole with the long-term credentials and an MFA code, for the role's full length. */
const withCode: Assumer = async (ctx, source, target, settings) => {
  ctx.debug?.('AssumeRole with the access key and an MFA code', {
    roleArn: target.roleArn,
    mode: 'direct',
    durationMinutes: settings.durationMinutes,
  });
  const { value, remember } = await source.withMfaCode(
    (credentials, mfa) =>
      ctx.api().assumeRole(credentials, {
        roleArn: target.roleArn,
        roleSessionName: source.identity.userName,
        durationSeconds: settings.durationMinutes * 60,
        mfa,
      }),
    'direct mode: each new role session takes a code',
  );
  return { roleArn: target.roleArn, credentials: value, source: 'direct', sourceProfile: remember };
};

/** How each mode of config.toml assumes a role (as granted picks an Assumer by profile type). */
const ASSUMERS: Record<RoleSettings['mode'], Assumer> = { session: fromMfaSession, direct: withCode };

/** AssumeRole for the pair from whatever identity `source` provides. */
export function roleProvider(ctx: ChainContext, source: SourceProvider): RoleProvider {
  return async (profiles, pair) => {
    const settings = roleSettings(ctx.config, pair.role);
    const identity = await source(profiles);
    const target = {
      roleArn: roleArn(pair.account, pair.role, identity.identity.mfaSerial),
      role: pair.role,
    };
    return ASSUMERS[settings.mode](ctx, identity, target, settings);
  };
}
