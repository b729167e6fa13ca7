import type { AccessKey, AccessKeyInfo } from '../aws/types.js';
import { withLock } from '../aws-files/lock.js';
import {
  type AwsProfiles,
  readProfiles,
  refuseLongTermOverwrite,
  updateProfiles,
} from '../aws-files/profile-store.js';
import { AwsError } from '../errors.js';
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
import { createNewKey } from './create-key.js';
import { clearFromMarker, verifyThenDeleteOld } from './finish-rotation.js';
import { parseMarkerTime, ROTATING_FROM_KEY, ROTATION_STARTED_KEY } from './markers.js';
import { type OtherKeyOptions, removeOtherKeys } from './other-keys.js';
import { writeNewKey } from './replace-key.js';
import type { VerifyOptions } from './verify-key.js';

export { replaceKeyEdits } from './replace-key.js';

export interface RotateOptions extends OtherKeyOptions {
  verify?: VerifyOptions;
  /** A session just obtained by the caller (automatic rotation): used instead of the cached one. */
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
  const { keys, session, userName } = await listKeys(ctx, profiles, key, options.session);
  if (!keys.some((k) => k.accessKeyId === key.accessKeyId)) {
    throw new AwsError(
      `The key ${key.accessKeyId} in [${ctx.config.mainAccountProfile}] is not one of ${userName}'s access keys in IAM. Put a current key there with: aws configure --profile ${ctx.config.mainAccountProfile}`,
    );
  }
  const others = keys.filter((k) => k.accessKeyId !== key.accessKeyId);
  const base = { userName, oldKeyId: key.accessKeyId };

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
    await verifyThenDeleteOld(ctx, api, session, userName, key, rotatingFrom, options.verify);
    return { ...finished, seconds: seconds() };
  }

  await removeOtherKeys(
    {
      api,
      credentials: session.credentials,
      userName,
      file: ctx.paths.credentials,
      others,
      rotationStartedAt: parseMarkerTime(mainValues[ROTATION_STARTED_KEY]),
      now: ctx.now(),
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
  await writeNewKey(ctx, api, session, userName, key.accessKeyId, created);
  await verifyThenDeleteOld(ctx, api, session, userName, created, key.accessKeyId, options.verify);
  return { ...base, newKeyId: created.accessKeyId, seconds: seconds() };
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
