import { isAwsErrorCode, SessionInvalidError } from '../aws/errors.js';
import type { AccessKey, AwsApi, MfaDevice, TemporaryCredentials } from '../aws/types.js';
import type { ProfileValues } from '../aws-files/profile-store.js';
import { AwsError, MfaCodeRejectedError } from '../errors.js';
import { minutesLeft, parseDate, temporaryFromProfile, temporaryToProfile } from './stored-credentials.js';
import type { ChainContext, Identity, MfaSession } from './types.js';

const AUTHENTICATED_AT_KEY = 'awst_mfa_authenticated_at';
const USER_NAME_KEY = 'awst_user_name';
const MFA_SERIAL_KEY = 'awst_mfa_serial';
/** The access key id the MFA session was made with. */
export const SOURCE_KEY_ID_KEY = 'awst_source_access_key_id';
/** When IAM created the key named by SOURCE_KEY_ID_KEY (awst knows it for keys it made, else once it listed them). */
export const SOURCE_KEY_CREATED_KEY = 'awst_source_key_created_at';
const MAX_CODE_ATTEMPTS = 3;

export function mfaSessionFromProfile(values: ProfileValues | undefined): MfaSession | undefined {
  const credentials = temporaryFromProfile(values);
  const authenticatedAt = parseDate(values?.[AUTHENTICATED_AT_KEY]);
  const identity = identityFromProfile(values);
  if (!credentials || !authenticatedAt || !identity) return undefined;
  return { credentials, authenticatedAt, identity };
}

export function identityFromProfile(values: ProfileValues | undefined): Identity | undefined {
  const userName = values?.[USER_NAME_KEY];
  const mfaSerial = values?.[MFA_SERIAL_KEY];
  const sourceAccessKeyId = values?.[SOURCE_KEY_ID_KEY];
  if (!userName || !mfaSerial || !sourceAccessKeyId) return undefined;
  const sourceKeyCreatedAt = parseDate(values?.[SOURCE_KEY_CREATED_KEY]);
  return { userName, mfaSerial, sourceAccessKeyId, ...(sourceKeyCreatedAt ? { sourceKeyCreatedAt } : {}) };
}

export function identityToProfile(identity: Identity): ProfileValues {
  return {
    [USER_NAME_KEY]: identity.userName,
    [MFA_SERIAL_KEY]: identity.mfaSerial,
    [SOURCE_KEY_ID_KEY]: identity.sourceAccessKeyId,
    // Cleared when the key changed, so a date never outlives the key it belongs to.
    [SOURCE_KEY_CREATED_KEY]: identity.sourceKeyCreatedAt?.toISOString() ?? '',
  };
}

export function mfaSessionToProfile(session: MfaSession): ProfileValues {
  return {
    ...temporaryToProfile(session.credentials),
    [AUTHENTICATED_AT_KEY]: session.authenticatedAt.toISOString(),
    ...identityToProfile(session.identity),
  };
}

/** Minutes since the MFA code behind this session was entered: what aws:MultiFactorAuthAge will say. */
export function mfaAgeMinutes(session: MfaSession, now: Date): number {
  return (now.getTime() - session.authenticatedAt.getTime()) / 60_000;
}

/**
 * A cached session is usable for a role when it is still valid for a minute and its MFA age is below what
 * the role's trust policy accepts (with a minute of margin for clock skew and the call itself).
 */
export function isSessionUsable(
  session: MfaSession | undefined,
  mfaMaxAgeMinutes: number,
  now: Date,
): boolean {
  if (!session) return false;
  return (
    minutesLeft(session.credentials.expiration, now) >= 1 &&
    mfaAgeMinutes(session, now) <= mfaMaxAgeMinutes - 1
  );
}

/**
 * Who the long-term key belongs to and which MFA device to use. Remembered after the first discovery, so
 * later cold runs need only GetSessionToken and AssumeRole. The serial is asked from IAM because device
 * names are free-form since 2022: `mfa/<user>` cannot be assumed.
 */
export async function resolveIdentity(
  ctx: ChainContext,
  key: AccessKey,
  remembered: Identity | undefined,
): Promise<Identity> {
  const configured = ctx.config.mfaSerial;
  if (
    remembered &&
    remembered.sourceAccessKeyId === key.accessKeyId &&
    (!configured || configured === remembered.mfaSerial)
  ) {
    ctx.debug?.('MFA device remembered with the MFA session', {
      mfaSerial: remembered.mfaSerial,
      user: remembered.userName,
    });
    return remembered;
  }
  const why = !remembered
    ? 'none remembered'
    : remembered.sourceAccessKeyId !== key.accessKeyId
      ? 'the access key changed since it was remembered'
      : 'mfaSerial in config.toml differs from the remembered device';
  const api = ctx.api();
  if (configured) {
    const user = await api.getUser(key);
    ctx.debug?.('MFA device from mfaSerial in config.toml', {
      mfaSerial: configured,
      user: user.userName,
      why,
    });
    return { userName: user.userName, mfaSerial: configured, sourceAccessKeyId: key.accessKeyId };
  }
  const devices = await ownMfaDevices(api, key);
  const device = devices.find((d) => givesCodes(d.serialNumber));
  ctx.debug?.('MFA device chosen from ListMFADevices', {
    mfaSerial: device?.serialNumber ?? 'none',
    devices: devices.length,
    fidoKeysSkipped: devices.filter((d) => !givesCodes(d.serialNumber)).length,
    why,
  });
  if (!device) {
    const userName = devices[0]?.userName ?? (await api.getUser(key)).userName;
    const fix = `Assign a virtual MFA device (an authenticator app) to the user (see the README), or set mfaSerial in ${ctx.config.path ?? 'config.toml'}.`;
    throw new AwsError(
      devices.length
        ? `IAM user ${userName} has only FIDO security keys as MFA devices, and AWS takes no code from those outside the console. ${fix}`
        : `IAM user ${userName} has no MFA device. ${fix}`,
    );
  }
  return { userName: device.userName, mfaSerial: device.serialNumber, sourceAccessKeyId: key.accessKeyId };
}

/** A device that shows a code AWS can check: a virtual or hardware TOTP device, not a FIDO key (`…:u2f/…`). */
export function givesCodes(serialNumber: string): boolean {
  return !serialNumber.includes(':u2f/');
}

/**
 * What to do when AWS rejected a code for `identity.mfaSerial`, asked of IAM once: the serial of the user's
 * current device when the remembered one is no longer assigned (the user replaced their phone and enrolled a
 * new device), so the same code can be tried with it; undefined when the device is still theirs (the code
 * was wrong). A configured mfaSerial is the user's choice and is not replaced: the error names the fix.
 */
export async function replacementDevice(
  ctx: ChainContext,
  key: AccessKey,
  identity: Identity,
): Promise<string | undefined> {
  const devices = (await ownMfaDevices(ctx.api(), key)).map((d) => d.serialNumber);
  if (devices.includes(identity.mfaSerial)) return undefined;
  const current = devices.find(givesCodes);
  const configured = ctx.config.mfaSerial;
  if (configured === identity.mfaSerial) {
    throw new AwsError(
      `mfaSerial in ${ctx.config.path ?? 'config.toml'} is ${configured}, which is no longer an MFA device of IAM user ${identity.userName}${current ? ` (their device now: ${current})` : ''}. Set mfaSerial to the current device, or remove it so that awst finds the device itself.`,
    );
  }
  if (!current) return undefined;
  ctx.note?.(
    `The MFA device awst remembered (${identity.mfaSerial}) is no longer assigned to ${identity.userName}: using ${current}.`,
  );
  return current;
}

/**
 * The MFA devices of the key's own user. AWS answers ListMFADevices without a user name for the key's user,
 * with the name in each device: one call. moto 5.2 needs the name (NoSuchEntity without it, which AWS never
 * answers to a valid key), so there it costs GetUser and a second ListMFADevices.
 */
async function ownMfaDevices(api: AwsApi, key: AccessKey): Promise<MfaDevice[]> {
  try {
    return await api.listMfaDevices(key);
  } catch (error) {
    if (!isAwsErrorCode(error, 'NoSuchEntity')) throw error;
    const user = await api.getUser(key);
    return api.listMfaDevices(key, user.userName);
  }
}

/**
 * Runs an AWS call that consumes an MFA code, asking again (up to three times) when AWS rejects a code that
 * was typed at a terminal. Codes from a flag, a process or a pipe are not asked for again. After the first
 * rejection, `replacement` may name another device (the remembered one is gone): the same code, which
 * AWS checked against the wrong device and so did not use up, is tried with it at once.
 */
export async function withMfaCode<T>(
  ctx: ChainContext,
  device: {
    serialNumber: string;
    replacement?: () => Promise<string | undefined>;
    /** Shown with the prompt: why a cached session no longer serves. */
    reason?: string;
    /** For --debug only, when there is no reason for the prompt: why a code is needed at all. */
    why?: string;
  },
  call: (tokenCode: string, serialNumber: string) => Promise<T>,
): Promise<{ value: T; serialNumber: string }> {
  let { serialNumber, replacement } = device;
  for (let attempt = 1; ; attempt++) {
    ctx.debug?.('asking for an MFA code', {
      mfaSerial: serialNumber,
      attempt,
      why: attempt > 1 ? 'AWS rejected the previous code' : (device.reason ?? device.why),
    });
    const answer = await ctx.askMfaCode({
      serialNumber,
      attempt,
      ...(attempt === 1 && device.reason ? { reason: device.reason } : {}),
    });
    try {
      return { value: await call(answer.code, serialNumber), serialNumber };
    } catch (rejected) {
      let error = rejected;
      if (error instanceof MfaCodeRejectedError && replacement) {
        const other = await replacement();
        replacement = undefined;
        if (other) {
          ctx.debug?.('trying the same code with the MFA device now assigned', { mfaSerial: other });
          serialNumber = other;
          try {
            return { value: await call(answer.code, serialNumber), serialNumber };
          } catch (again) {
            error = again;
          }
        }
      }
      if (!(error instanceof MfaCodeRejectedError) || !answer.canRetry || attempt >= MAX_CODE_ATTEMPTS)
        throw error;
    }
  }
}

export async function newMfaSession(
  ctx: ChainContext,
  key: AccessKey,
  identity: Identity,
  reason?: string,
): Promise<MfaSession> {
  const api = ctx.api();
  let authenticatedAt = ctx.now();
  ctx.debug?.('new MFA session (GetSessionToken)', {
    durationMinutes: ctx.config.mfaSessionDurationMinutes,
    why: reason ?? 'no MFA session cached',
  });
  const { value: credentials, serialNumber } = await withMfaCode(
    ctx,
    {
      serialNumber: identity.mfaSerial,
      replacement: () => replacementDevice(ctx, key, identity),
      reason,
      why: 'no MFA session cached',
    },
    (tokenCode, serial): Promise<TemporaryCredentials> => {
      // Taken before the call so the recorded MFA age is never younger than what AWS will judge.
      authenticatedAt = ctx.now();
      return api.getSessionToken(key, {
        serialNumber: serial,
        tokenCode,
        durationSeconds: ctx.config.mfaSessionDurationMinutes * 60,
      });
    },
  );
  return { credentials, authenticatedAt, identity: { ...identity, mfaSerial: serialNumber } };
}

/**
 * Runs `use` with the cached MFA session when it is usable for `mfaMaxAgeMinutes`, else (or when AWS says
 * the cached one is no longer valid, e.g. its key was rotated away) with a new one, which is returned so
 * the caller can store it.
 */
export async function withMfaSession<T>(
  ctx: ChainContext,
  key: AccessKey,
  identity: Identity,
  cached: MfaSession | undefined,
  mfaMaxAgeMinutes: number,
  use: (session: MfaSession) => Promise<T>,
  /** What the session is for (a role name), for the reason given with the prompt. */
  purpose?: string,
): Promise<{ value: T; session: MfaSession; newSession?: MfaSession }> {
  const sameKey =
    cached && cached.identity.sourceAccessKeyId === identity.sourceAccessKeyId ? cached : undefined;
  const now = ctx.now();
  let reason = renewalReason(cached, sameKey, mfaMaxAgeMinutes, now, purpose);
  if (sameKey && reason === undefined) {
    ctx.debug?.('reusing the cached MFA session', {
      mfaAgeMinutes: Math.floor(mfaAgeMinutes(sameKey, now)),
      mfaMaxAgeMinutes,
      minutesLeft: Math.floor(minutesLeft(sameKey.credentials.expiration, now)),
    });
    try {
      return { value: await use(sameKey), session: sameKey };
    } catch (error) {
      if (!(error instanceof SessionInvalidError)) throw error;
      reason = 'AWS no longer accepts the cached MFA session';
    }
  }
  const session = await newMfaSession(ctx, key, identity, reason);
  return { value: await use(session), session, newSession: session };
}

/** Why the cached MFA session cannot serve, in words for the prompt; undefined when it can (or there is none). */
export function renewalReason(
  cached: MfaSession | undefined,
  sameKey: MfaSession | undefined,
  mfaMaxAgeMinutes: number,
  now: Date,
  purpose = 'this role',
): string | undefined {
  if (!cached) return undefined;
  if (!sameKey) return 'your access key changed since the last MFA session';
  if (minutesLeft(sameKey.credentials.expiration, now) < 1) return 'your MFA session has ended';
  if (!isSessionUsable(sameKey, mfaMaxAgeMinutes, now)) {
    return `your MFA code is ${Math.floor(mfaAgeMinutes(sameKey, now))} min old; ${purpose} accepts ${mfaMaxAgeMinutes}`;
  }
  return undefined;
}
