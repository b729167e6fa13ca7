/**
 * Keys awst writes into the mainAccount profile while a rotation is under way, so that the next run can
 * tell an interrupted rotation from a key somebody made by hand. The AWS CLI ignores unknown keys.
 */
/** Written before CreateAccessKey: a key created after this instant and missing from the file is ours. */
export const ROTATION_STARTED_KEY = 'awst_rotation_started_at';
/** Written with the new key: the old key that still has to be deleted. */
export const ROTATING_FROM_KEY = 'awst_rotating_from';
