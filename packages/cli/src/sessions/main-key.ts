import type { AccessKey } from '../aws/types.js';
import type { AwsProfiles } from '../aws-files/profile-store.js';
import { UsageError } from '../errors.js';
import type { ChainContext } from './context.js';
import { accessKeyFromProfile } from './stored-credentials.js';

/** The user's long-term key from the mainAccount profile, or an error that says how to add it. */
export function requireMainKey(ctx: ChainContext, profiles: AwsProfiles): AccessKey {
  const key = accessKeyFromProfile(profiles.credentials.get(ctx.config.mainAccountProfile));
  if (!key) {
    const main = ctx.config.mainAccountProfile;
    // `[ main ]` or `[main] ; note` is another section for botocore (and so for awst): say so.
    const lookalike = [...profiles.credentials.keys()].find(
      (s) => s !== main && s.split(']')[0]!.trim() === main,
    );
    const hint =
      lookalike === undefined
        ? ''
        : ` The header [${lookalike}] there is not [${main}] for the AWS tools; write it as [${main}] on a line of its own.`;
    throw new UsageError(
      `No access key in profile [${main}] of ${ctx.paths.credentials}.${hint} Add your IAM user's key with: aws configure --profile ${main}`,
    );
  }
  return key;
}
