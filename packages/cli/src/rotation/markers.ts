import { updateProfiles } from '../aws-files/profile-store.js';
import type { ChainContext } from '../sessions/types.js';

/**
 * Keys awst writes into the mainAccount profile while a rotation is under way, so that the next run can
 * tell an interrupted rotation from a key somebody made by hand. The AWS CLI ignores unknown keys.
 */
/** Written before CreateAccessKey: a key created just after this instant and missing from the file is ours. */
export const ROTATION_STARTED_KEY = 'awst_rotation_started_at';
/** Written with the new key: the old key that still has to be deleted. */
export const ROTATING_FROM_KEY = 'awst_rotating_from';
/** Written with it: the old key's secret, so that the rotation can be undone until the new key is proven. */
export const ROTATING_FROM_SECRET_KEY = 'awst_rotating_from_secret';
/**
 * Written when AWS did not accept the new key in time and the old key was put back: the new key, kept
 * beside the old one until a later `rotate-keys` proves it (or it is deleted).
 */
export const UNVERIFIED_KEY_ID_KEY = 'awst_unverified_key_id';
export const UNVERIFIED_SECRET_KEY = 'awst_unverified_secret';

/**
 * A sentence about the rotation the mainAccount profile's markers say is unfinished, or undefined.
 * `givenUpOnly`: only a rotation that gave up waiting (a rotation in progress also has the other marker).
 */
export function unfinishedRotation(
  values: Record<string, string> | undefined,
  givenUpOnly = false,
): string | undefined {
  const keyId = values?.aws_access_key_id;
  const unverified = values?.[UNVERIFIED_KEY_ID_KEY];
  if (unverified && unverified !== keyId) {
    return `A key rotation is unfinished: AWS had not accepted the new key ${unverified} yet, so the file holds the old key ${keyId} again (both keys exist in IAM). Finish it with: awst rotate-keys`;
  }
  const from = values?.[ROTATING_FROM_KEY];
  if (from && from !== keyId && !givenUpOnly) {
    return `A key rotation is unfinished: the file holds the new key ${keyId}, and the old key ${from} is still to be deleted once AWS accepts the new one. Finish it with: awst rotate-keys`;
  }
  return undefined;
}

/** Clock skew allowed between this machine and IAM's CreateDate. */
const SKEW_MS = 60_000;
/**
 * CreateAccessKey follows the marker within seconds; a key created much later was made by someone else
 * (a marker can outlive a create that failed, e.g. when the network died).
 */
const CREATE_WINDOW_MS = 10 * 60_000;

/** True when a key the file does not hold was created by the rotation that wrote `startedAt`. */
export function createdByInterruptedRotation(createDate: Date, startedAt: Date | undefined): boolean {
  if (!startedAt) return false;
  const t = createDate.getTime();
  return t >= startedAt.getTime() - SKEW_MS && t <= startedAt.getTime() + CREATE_WINDOW_MS;
}

/** Sets the start marker, just before CreateAccessKey. */
export function writeStartMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: ctx.now().toISOString() } },
  });
}

export function clearStartMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATION_STARTED_KEY]: '' } },
  });
}

export function clearFromMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: {
      [ctx.config.mainAccountProfile]: { [ROTATING_FROM_KEY]: '', [ROTATING_FROM_SECRET_KEY]: '' },
    },
  });
}

export function clearUnverifiedMarker(ctx: ChainContext): Promise<void> {
  return updateProfiles(ctx.paths, {
    credentials: {
      [ctx.config.mainAccountProfile]: { [UNVERIFIED_KEY_ID_KEY]: '', [UNVERIFIED_SECRET_KEY]: '' },
    },
  });
}
