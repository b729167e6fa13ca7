import type { AccessKey, AccessKeyInfo, AwsApi } from '../aws/types.js';
import { removeLeftovers } from '../aws-files/leftovers.js';
import { lockPathFor, withLock } from '../aws-files/lock.js';
import {
  type AwsProfiles,
  readProfiles,
  refuseLongTermOverwrite,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { AwsError } from '../errors.js';
import { requireMainKey } from '../sessions/main-key.js';
import {
  identityFromProfile,
  mfaSessionFromProfile,
  mfaSessionToProfile,
  resolveIdentity,
  withMfaSession,
} from '../sessions/mfa-session.js';
import { chainLockPath } from '../sessions/role-credentials.js';
import { parseDate } from '../sessions/stored-credentials.js';
import type { ChainContext, MfaSession } from '../sessions/types.js';
import { createNewKey } from './create-key.js';
import type { ConfirmOptions } from './delete-key.js';
import { verifyThenDeleteOld } from './finish-rotation.js';
import { keyFromLeftover } from './leftover-key.js';
import {
  clearFromMarker,
  clearUnverifiedMarker,
  ROTATING_FROM_KEY,
  ROTATING_FROM_SECRET_KEY,
  ROTATION_STARTED_KEY,
  UNVERIFIED_KEY_ID_KEY,
  UNVERIFIED_SECRET_KEY,
} from './markers.js';
import { type OtherKeyOptions, removeOtherKeys } from './other-keys.js';
import { replaceKeyEdits, writeNewKey } from './replace-key.js';
import { DEFAULT_VERIFY, type VerifyOptions, waitUntilKeyWorks } from './verify-key.js';

export { replaceKeyEdits };

export interface RotateOptions extends OtherKeyOptions {
  verify?: VerifyOptions;
  /** How IAM's list is asked to confirm a delete (tests shorten it). */
  confirmDelete?: ConfirmOptions;
  /** A session just obtained by the caller (automatic rotation): used instead of the cached one. */
  session?: MfaSession;
  /** How long to wait for a rotation already under way (automatic rotation does not wait long). */
  lockWaitMs?: number;
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
 * Replaces the user's long-term key so that at every instant the credentials file holds a key that works:
 * create → keep it beside the old key → wait until AWS accepts it → write it to every profile that held
 * the old key → delete the old one with the MFA session. One rotation at a time (its own lock); the chain
 * lock is taken only to list the keys with the MFA session, so callers of the credential chain never wait
 * for the check of a new key.
 */
export async function rotateKeys(ctx: ChainContext, options: RotateOptions): Promise<RotateResult> {
  // No key, no rotation: said before the lock, whose folder would otherwise be created (even a missing HOME).
  requireMainKey(ctx, await readProfiles(ctx.paths));
  return withLock(
    await lockPathFor(ctx.paths.credentials, '.awst-rotation.lock'),
    () => rotateLocked(ctx, options),
    {
      waitMs: options.lockWaitMs ?? 5 * 60_000,
    },
  );
}

async function rotateLocked(ctx: ChainContext, options: RotateOptions): Promise<RotateResult> {
  const startedAt = Date.now();
  const seconds = () => Math.round((Date.now() - startedAt) / 100) / 10;
  const api = ctx.api();
  const profiles = await readProfiles(ctx.paths);
  const key = requireMainKey(ctx, profiles);
  const mainValues = profiles.credentials.get(ctx.config.mainAccountProfile) ?? {};
  // The chain lock only while the MFA session may be renewed (one prompt for parallel callers).
  const { keys, session, userName } = await withLock(
    await chainLockPath(ctx),
    () => listKeys(ctx, profiles, key, options.session),
    { waitMs: 5 * 60_000 },
  );
  if (!keys.some((k) => k.accessKeyId === key.accessKeyId)) {
    throw new AwsError(
      `The key ${key.accessKeyId} in [${ctx.config.mainAccountProfile}] is not one of ${userName}'s access keys in IAM. Put a current key there with: aws configure --profile ${ctx.config.mainAccountProfile}`,
    );
  }
  const others = keys.filter((k) => k.accessKeyId !== key.accessKeyId);
  const base = { userName, oldKeyId: key.accessKeyId };

  const verify = options.verify ?? DEFAULT_VERIFY;

  // An earlier rotation put the old key back because AWS had not accepted the new one yet: finish it.
  const unverifiedId = mainValues[UNVERIFIED_KEY_ID_KEY];
  const unverifiedSecret = mainValues[UNVERIFIED_SECRET_KEY];
  if (unverifiedId && unverifiedId !== key.accessKeyId && unverifiedId !== options.deleteKey) {
    const finished = { ...base, newKeyId: unverifiedId, finishedInterrupted: true };
    const pending = others.find((k) => k.accessKeyId === unverifiedId);
    if (pending && unverifiedSecret) {
      if (options.dryRun) {
        options.log(
          `Would finish an unfinished rotation: check AWS accepts ${unverifiedId}, write it in place of ${key.accessKeyId}, then delete ${key.accessKeyId}.`,
        );
        return { ...finished, dryRun: true, seconds: seconds() };
      }
      const newKey = { accessKeyId: unverifiedId, secretAccessKey: unverifiedSecret };
      options.log(`Finishing an unfinished rotation: ${key.accessKeyId} → ${unverifiedId}.`);
      await adoptNewKey(ctx, api, session, userName, newKey, key, options, 'still');
      return { ...finished, seconds: seconds() };
    }
    // The unverified key is gone from IAM (deleted by hand): nothing is left to finish.
    if (options.dryRun)
      options.log(`Would forget the unverified key ${unverifiedId}, which IAM no longer has.`);
    else await clearUnverifiedMarker(ctx);
  } else if (unverifiedId && !options.dryRun) {
    // Given up on with --delete-key (deleted below with the other keys), or the file holds it already.
    await clearUnverifiedMarker(ctx);
  }

  // The file already holds the new key of an interrupted rotation: adopt it and finish.
  const rotatingFrom = mainValues[ROTATING_FROM_KEY];
  if (rotatingFrom && rotatingFrom !== key.accessKeyId) {
    const finished = {
      ...base,
      oldKeyId: rotatingFrom,
      newKeyId: key.accessKeyId,
      finishedInterrupted: true,
    };
    const unfinishedOld = others.find((k) => k.accessKeyId === rotatingFrom);
    if (!unfinishedOld) {
      // It got as far as deleting the old key; only the marker is left.
      if (options.dryRun) options.log(`Would clear the marker of a finished rotation from ${rotatingFrom}.`);
      else await clearFromMarker(ctx);
      return { ...finished, dryRun: options.dryRun, seconds: seconds() };
    }
    if (options.dryRun) {
      options.log(
        `Would finish an interrupted rotation: check ${key.accessKeyId} works, then delete ${rotatingFrom}.`,
      );
      return { ...finished, dryRun: true, seconds: seconds() };
    }
    options.log(`Finishing an interrupted rotation: ${rotatingFrom} → ${key.accessKeyId}.`);
    const old = {
      accessKeyId: rotatingFrom,
      secretAccessKey: mainValues[ROTATING_FROM_SECRET_KEY] || undefined,
    };
    await verifyThenDeleteOld(ctx, api, session, userName, key, old, verify, options.confirmDelete);
    return { ...finished, seconds: seconds() };
  }

  // Killed while writing the new key: its secret may be in the temporary file the write left.
  const leftover = await keyFromLeftover(ctx.paths, api, others, verify);
  if (leftover) {
    const finished = { ...base, newKeyId: leftover.accessKeyId, finishedInterrupted: true };
    const how = `${key.accessKeyId} → ${leftover.accessKeyId}, whose secret was in a temporary file the interrupted write left`;
    if (options.dryRun) {
      options.log(`Would finish an interrupted rotation: ${how}.`);
      return { ...finished, dryRun: true, seconds: seconds() };
    }
    options.log(`Finishing an interrupted rotation: ${how}.`);
    await updateProfiles(ctx.paths, (current) => replaceKeyEdits(ctx, current, key.accessKeyId, leftover));
    await verifyThenDeleteOld(ctx, api, session, userName, leftover, key, verify, options.confirmDelete);
    await removeLeftovers(ctx.paths, { all: true });
    return { ...finished, seconds: seconds() };
  }

  await removeOtherKeys(
    {
      api,
      credentials: session.credentials,
      userName,
      file: ctx.paths.credentials,
      others,
      rotationStartedAt: parseDate(mainValues[ROTATION_STARTED_KEY]),
      now: ctx.now(),
      confirmDelete: options.confirmDelete,
    },
    options,
  );
  if (options.dryRun) {
    options.log(
      `Would create a new access key for ${userName}, write it to every profile that holds ${key.accessKeyId}, check it works, then delete ${key.accessKeyId}.`,
    );
    return { ...base, dryRun: true, seconds: seconds() };
  }

  const created = await createNewKey(ctx, api, session, userName, key.accessKeyId);
  await writeNewKey(ctx, api, session, userName, key.accessKeyId, created, options.confirmDelete);
  await adoptNewKey(ctx, api, session, userName, created, key, options, 'first');
  // Keys an earlier interrupted write left in temporary files are gone from IAM by now.
  await removeLeftovers(ctx.paths, { all: true });
  return { ...base, newKeyId: created.accessKeyId, seconds: seconds() };
}

/**
 * The new key, kept beside the old one in the file: once AWS accepts it, it replaces the old key in every
 * profile and the old key is deleted. Until then the file holds the old key, which works.
 */
async function adoptNewKey(
  ctx: ChainContext,
  api: AwsApi,
  session: MfaSession,
  userName: string,
  newKey: AccessKey & { createDate?: Date },
  oldKey: AccessKey,
  options: RotateOptions,
  attempt: 'first' | 'still',
): Promise<void> {
  const verify = options.verify ?? DEFAULT_VERIFY;
  const check = await waitUntilKeyWorks(api, newKey, verify);
  if (!check.works) {
    const within = `${Math.round(verify.timeoutMs / 1000)} s`;
    const what =
      attempt === 'first'
        ? `AWS did not accept the new key ${newKey.accessKeyId} within ${within} (IAM can take longer to make a new key usable; its last answer: ${check.lastError}).`
        : `AWS still does not accept the new key ${newKey.accessKeyId} (checked for ${within}; its last answer: ${check.lastError}).`;
    throw new AwsError(
      `${what} [${ctx.config.mainAccountProfile}] of ${ctx.paths.credentials} holds the old key ${oldKey.accessKeyId}, which works; the new key is kept beside it and both keys exist in IAM. Finish the rotation in a minute or two with: awst rotate-keys${attempt === 'still' ? `, or give up on the new key with: awst rotate-keys --delete-key ${newKey.accessKeyId}` : ''}`,
    );
  }
  try {
    await updateProfiles(ctx.paths, (current) => replaceKeyEdits(ctx, current, oldKey.accessKeyId, newKey));
  } catch (error) {
    throw new AwsError(
      `AWS accepts the new key ${newKey.accessKeyId}, but it could not be written to ${ctx.paths.credentials} (${error instanceof Error ? error.message : String(error)}; another program may have changed the file), so the old key ${oldKey.accessKeyId} was not deleted: both keys exist in IAM. Check the file, then run: awst rotate-keys`,
      { cause: error },
    );
  }
  await verifyThenDeleteOld(ctx, api, session, userName, newKey, oldKey, verify, options.confirmDelete, true);
}

/** The user's keys, listed with an MFA session young enough for key self-service (a new one is cached). */
async function listKeys(
  ctx: ChainContext,
  profiles: AwsProfiles,
  key: AccessKey,
  given: MfaSession | undefined,
): Promise<{ keys: AccessKeyInfo[]; session: MfaSession; userName: string }> {
  const sessionValues = profiles.credentials.get(ctx.config.mfaSessionProfile);
  if (!given)
    refuseLongTermOverwrite(ctx.paths.credentials, profiles.credentials, [ctx.config.mfaSessionProfile]);
  const identity = await resolveIdentity(ctx, key, identityFromProfile(sessionValues));
  const cached = given ?? mfaSessionFromProfile(sessionValues);
  const { value, session, newSession } = await withMfaSession(
    ctx,
    key,
    identity,
    cached,
    ctx.config.selfServiceMfaMaxAgeMinutes, // the baseline's key self-service wants MFA this young
    (s) => ctx.api().listAccessKeys(s.credentials, identity.userName),
  );
  if (newSession) {
    await updateProfiles(ctx.paths, {
      credentials: { [ctx.config.mfaSessionProfile]: mfaSessionToProfile(newSession) },
    });
  }
  return { keys: value, session, userName: identity.userName };
}
