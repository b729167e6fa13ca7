import type { AccessKey } from '../aws/types.js';
import type { AwsProfiles } from '../aws-files/profile-store.js';
import { UsageError } from '../errors.js';
import type { ChainContext } from './context.js';
import { accessKeyFromProfile } from './stored-credentials.js';

/** The user's long-term key from the mainAccount profile, or an error that says how to add it. */
export function requireMainKey(ctx: ChainContext, profiles: AwsProfiles): AccessKey {
  const key = accessKeyFromProfile(profiles.credentials.get(ctx.config.mainAccountProfile));
  if (!key) {
    throw new UsageError(
      `No access key in profile [${ctx.config.mainAccountProfile}] of ${ctx.paths.credentials}. Add your IAM user's key with: aws configure --profile ${ctx.config.mainAccountProfile}`,
    );
  }
  return key;
}
