import type { AccessKey, AccessKeyInfo, AwsApi } from '../aws/types.js';
import { withLock } from '../aws-files/lock.js';
import {
  type AwsProfiles,
  type ProfileEdits,
  readProfiles,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { AwsError, UsageError } from '../errors.js';
import type { ChainContext, MfaSession } from '../sessions/context.js';
import { requireMainKey } from '../sessions/main-key.js';
import {
  identityFromProfile,
  mfaSessionFromProfile,
  mfaSessionToProfile,
  resolveIdentity,
  withMfaSession,
} from '../sessions/mfa-session.js';
import { chainLockPath } from '../sessions/role-credentials.js';
import { formatMinutes } from '../terminal/time.js';
import { ROTATING_FROM_KEY, ROTATION_STARTED_KEY } from './markers.js';
import { DEFAULT_VERIFY, type VerifyOptions, waitUntilKeyWorks } from './verify-key.js';

/** The baseline allows access-key self-service only with an MFA code younger than 4 hours. */
export const KEY_SELF_SERVICE_MFA_AGE_MINUTES = 240;
const SOURCE_KEY_FIELD = 'awst_source_access_key_id';

export interface RotateOptions {
  dryRun?: boolean;
  deleteInactive?: boolean;
  /** An extra key the user explicitly allowed to delete. */
  deleteKey?: string;
  /** Asks the user a yes/no question; resolves false when nobody can answer. */
  confirm: (question: string) => Promise<boolean>;
  /** Progress lines (stderr). */
  log: (line: string) => void;
  verify?: VerifyOptions;
  /** Skips the chain lock: the caller (automatic rotation) already coordinates. */
  session?: MfaSession;
}

export interface RotateResult {
  userName: string;
  oldKeyId: string;
  newKeyId?: string;
  /** A rotation interrupted earlier was completed instead of starting a new one. */
  finishedInterrupted?: boolean;
  dryRun?: boolean;
  seconds: number;
}

/**
 * Replaces the user's long-term key so that at every instant the credentials file holds a key that exists
 * in IAM: create → write (every profile that held the old key) → check the new key works → delete the old
 * one with the MFA session. Runs under the chain lock so a parallel `assume` never reads a half-done state.
 */
export function rotateKeys(ctx: ChainContext, options: RotateOptions): Promise<RotateResult> {
  return withLock(chainLockPath(ctx), () => rotateLocked(ctx, options), { waitMs: 5 * 60_000 });
}

async function rotateLocked(ctx: ChainContext, options: RotateOptions): Promise<RotateResult> {
  const startedAt = Date.now();
  const seconds = () => Math.round((Date.now() - startedAt) / 100) / 10;
  const api = ctx.api();
  const profiles = await readProfiles(ctx.paths);
  const key = requireMainKey(ctx, profiles);
  const mainValues = profiles.credentials.get(ctx.config.mainAccountProfile) ?? {};
  const sessionValues = profiles.credentials.get(ctx.config.mfaSessionProfile);
  const identity = await resolveIdentity(ctx, key, identityFromProfile(sessionValues));
  const cachedSession = options.session ?? mfaSessionFromProfile(sessionValues);
  const {
    value: keys,
    session,
    newSession,
  } = await withMfaSession(ctx, key, identity, cachedSession, KEY_SELF_SERVICE_MFA_AGE_MINUTES, (s) =>
    api.listAccessKeys(s.credentials, identity.userName),
  );
  if (newSession) {
    await updateProfiles(ctx.paths, {
      credentials: { [ctx.config.mfaSessionProfile]: mfaSessionToProfile(newSession) },
    });
  }
  const user = identity.userName;
  if (!keys.some((k) => k.accessKeyId === key.accessKeyId)) {
    throw new AwsError(
      `The key ${key.accessKeyId} in [${ctx.config.mainAccountProfile}] is not one of ${user}'s access keys in IAM. Put a current key there with: aws configure --profile ${ctx.config.mainAccountProfile}`,
    );
  }
  const others = keys.filter((k) => k.accessKeyId !== key.accessKeyId);
  const base = { userName: user, oldKeyId: key.accessKeyId };

  const rotatingFrom = mainValues[ROTATING_FROM_KEY];
  const unfinishedOld = rotatingFrom ? others.find((k) => k.accessKeyId === rotatingFrom) : undefined;
  if (unfinishedOld) {
    if (options.dryRun) {
      options.log(
        `Would finish an interrupted rotation: check ${key.accessKeyId} works, then delete ${unfinishedOld.accessKeyId}.`,
      );
      return {
        ...base,
        oldKeyId: unfinishedOld.accessKeyId,
        newKeyId: key.accessKeyId,
        dryRun: true,
        seconds: seconds(),
      };
    }
    options.log(`Finishing an interrupted rotation: ${unfinishedOld.accessKeyId} → ${key.accessKeyId}.`);
    await verifyThenDeleteOld(ctx, api, session, user, key, unfinishedOld.accessKeyId, options);
    return {
      ...base,
      oldKeyId: unfinishedOld.accessKeyId,
      newKeyId: key.accessKeyId,
      finishedInterrupted: true,
      seconds: seconds(),
    };
  }

  const orphanSince = parseTime(mainValues[ROTATION_STARTED_KEY]);
  for (const other of others) {
    await removeOtherKey(ctx, api, session, user, other, orphanSince, options);
  }
  if (options.deleteKey && !others.some((k) => k.accessKeyId === options.deleteKey)) {
    throw new UsageError(`--delete-key ${options.deleteKey}: ${user} has no other key with that id.`);
  }

  if (options.dryRun) {
    options.log(
      `Would create a new access key for ${user}, write it to every profile that holds ${key.accessKeyId}, check it works, then delete ${key.accessKeyId}.`,
    );
    return { ...base, dryRun: true, seconds: seconds() };
  }

  await updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: ctx.now().toISOString() } },
  });
  const created = await api.createAccessKey(session.credentials, user);
  try {
    await updateProfiles(ctx.paths, (current) => replaceKeyEdits(ctx, current, key.accessKeyId, created));
  } catch (error) {
    await api.deleteAccessKey(session.credentials, user, created.accessKeyId).catch(() => {});
    await updateProfiles(ctx.paths, {
      credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: '' } },
    }).catch(() => {});
    throw error;
  }
  await verifyThenDeleteOld(ctx, api, session, user, created, key.accessKeyId, options);
  return { ...base, newKeyId: created.accessKeyId, seconds: seconds() };
}

/** Edits that put the new key wherever the old one was, and remember which key is still to be deleted. */
export function replaceKeyEdits(
  ctx: ChainContext,
  current: AwsProfiles,
  oldKeyId: string,
  created: AccessKey,
): ProfileEdits {
  const credentials: Record<string, Record<string, string>> = {};
  for (const [name, values] of current.credentials) {
    if (values.aws_access_key_id === oldKeyId) {
      credentials[name] = {
        aws_access_key_id: created.accessKeyId,
        aws_secret_access_key: created.secretAccessKey,
      };
    }
  }
  const main = ctx.config.mainAccountProfile;
  credentials[main] = {
    ...credentials[main],
    aws_access_key_id: created.accessKeyId,
    aws_secret_access_key: created.secretAccessKey,
    [ROTATING_FROM_KEY]: oldKeyId,
    [ROTATION_STARTED_KEY]: '',
  };
  // The cached MFA session and the remembered identity stay valid for the new key.
  if (current.credentials.get(ctx.config.mfaSessionProfile)?.[SOURCE_KEY_FIELD] === oldKeyId) {
    credentials[ctx.config.mfaSessionProfile] = { [SOURCE_KEY_FIELD]: created.accessKeyId };
  }
  return { credentials };
}

async function verifyThenDeleteOld(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  user: string,
  newKey: AccessKey,
  oldKeyId: string,
  options: RotateOptions,
): Promise<void> {
  const file = ctx.paths.credentials;
  if (!(await waitUntilKeyWorks(api, newKey, options.verify ?? DEFAULT_VERIFY))) {
    const bound = Math.round((options.verify ?? DEFAULT_VERIFY).timeoutMs / 1000);
    throw new AwsError(
      `The new key ${newKey.accessKeyId} is in ${file}, but AWS did not accept it within ${bound} s (IAM can be slow to propagate). Both keys exist and ${oldKeyId} still works; finish later with: awst rotate-keys`,
    );
  }
  try {
    await api.deleteAccessKey(session.credentials, user, oldKeyId);
  } catch (error) {
    throw new AwsError(
      `The new key ${newKey.accessKeyId} is in ${file} and works, but deleting the old key ${oldKeyId} failed (${error instanceof Error ? error.message : error}). Finish with: awst rotate-keys`,
      { cause: error },
    );
  }
  await updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATING_FROM_KEY]: '' } },
  });
}

/** A key that is not in the file: delete it only with the user's explicit say-so, or refuse. */
async function removeOtherKey(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  user: string,
  other: AccessKeyInfo,
  orphanSince: Date | undefined,
  options: RotateOptions,
): Promise<void> {
  const age = formatMinutes((ctx.now().getTime() - other.createDate.getTime()) / 60_000);
  const described = `${other.accessKeyId} (${other.status}, created ${age} ago)`;
  const leftByInterruptedRotation =
    orphanSince !== undefined && other.createDate.getTime() >= orphanSince.getTime() - 60_000;
  const allowed =
    options.deleteKey === other.accessKeyId ||
    (other.status === 'Inactive' && options.deleteInactive === true) ||
    (leftByInterruptedRotation &&
      (await options.confirm(
        `Delete ${described}, left behind by an interrupted rotation? Its secret was never saved.`,
      )));
  if (!allowed) {
    const how =
      other.status === 'Inactive'
        ? `delete it with: awst rotate-keys --delete-inactive`
        : leftByInterruptedRotation
          ? `it was left by an interrupted rotation and its secret was never saved; delete it with: awst rotate-keys --delete-key ${other.accessKeyId}`
          : `if you no longer use it, delete it with: awst rotate-keys --delete-key ${other.accessKeyId}`;
    throw new UsageError(
      `${user} already has a second access key, ${described}, which is not in ${ctx.paths.credentials}. IAM allows two keys, so rotation cannot start; ${how}`,
    );
  }
  if (options.dryRun) {
    options.log(`Would delete ${described}.`);
    return;
  }
  await api.deleteAccessKey(session.credentials, user, other.accessKeyId);
  options.log(`Deleted ${described}.`);
}

function parseTime(value: string | undefined): Date | undefined {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
