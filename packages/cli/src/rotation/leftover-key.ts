import type { AccessKey, AccessKeyInfo, AwsApi } from '../aws/types.js';
import { findLeftovers } from '../aws-files/leftovers.js';
import type { AwsFilePaths } from '../aws-files/paths.js';
import { type VerifyOptions, waitUntilKeyWorks } from './verify-key.js';

/** A leftover's key is there already or not at all: no need to wait for IAM to propagate it. */
const LEFTOVER_VERIFY_MS = 5000;

/**
 * The new key of a rotation killed while writing it: one of the user's keys that the credentials file
 * lacks, whose secret is in a temporary file that write left behind, and which AWS accepts (a leftover cut
 * short by the kill may hold a truncated secret, so it is tried before it is used).
 */
export async function keyFromLeftover(
  paths: AwsFilePaths,
  api: AwsApi,
  others: AccessKeyInfo[],
  verify: VerifyOptions,
): Promise<AccessKey | undefined> {
  const leftovers = await findLeftovers(paths).catch(() => []);
  for (const other of others.filter((k) => k.status === 'Active')) {
    const candidates = leftovers.flatMap((l) => l.keys).filter((k) => k.accessKeyId === other.accessKeyId);
    for (const found of candidates) {
      const key = { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey };
      const check = await waitUntilKeyWorks(api, key, {
        ...verify,
        timeoutMs: Math.min(verify.timeoutMs, LEFTOVER_VERIFY_MS),
      });
      if (check.works) return key;
    }
  }
  return undefined;
}
