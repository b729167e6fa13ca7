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
    credentials: { [ctx.config.mainAccountProfile]: { [ROTATING_FROM_KEY]: '' } },
  });
}
