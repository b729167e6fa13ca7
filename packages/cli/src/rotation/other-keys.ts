import type { AccessKeyInfo, AnyCredentials, AwsApi } from '../aws/types.js';
import { AwsError, UsageError } from '../errors.js';
import { formatMinutes } from '../terminal/time.js';
import { type ConfirmOptions, deleteKeyConfirmed } from './delete-key.js';
import { createdByInterruptedRotation } from './markers.js';

export interface OtherKeyOptions {
  dryRun?: boolean;
  deleteInactive?: boolean;
  /** An extra key the user explicitly allowed to delete. */
  deleteKey?: string;
  confirm: (question: string) => Promise<boolean>;
  log: (line: string) => void;
}

export interface OtherKeysInput {
  api: AwsApi;
  credentials: AnyCredentials;
  userName: string;
  /** The credentials file, for messages. */
  file: string;
  /** Keys of the user the file does not hold. */
  others: AccessKeyInfo[];
  /** When an earlier rotation wrote its start marker (a key created then is its orphan). */
  rotationStartedAt: Date | undefined;
  now: Date;
  confirmDelete?: ConfirmOptions;
}

/**
 * IAM allows two keys, so every key the file does not hold must go before a rotation can start. Each is
 * deleted only with the user's explicit say-so: --delete-key <id>, --delete-inactive for an inactive one,
 * or a yes to a question for the orphan of an interrupted rotation. Otherwise nothing is deleted and the
 * refusal names the key and how to go on.
 */
export async function removeOtherKeys(input: OtherKeysInput, options: OtherKeyOptions): Promise<void> {
  const { others, userName } = input;
  if (options.deleteKey && !others.some((k) => k.accessKeyId === options.deleteKey)) {
    throw new UsageError(
      `--delete-key ${options.deleteKey}: ${userName} has no such key besides the one in ${input.file}${others.length ? ` (the other key is ${others.map((k) => k.accessKeyId).join(', ')})` : ''}. The key in the file is never deleted this way.`,
    );
  }
  // Decide about every key before deleting any, so a refusal leaves IAM as it was.
  const decisions: { key: AccessKeyInfo; described: string; ask?: string }[] = [];
  for (const other of others) {
    const age = formatMinutes((input.now.getTime() - other.createDate.getTime()) / 60_000);
    const described = `${other.accessKeyId} (${other.status}, created ${age} ago)`;
    const orphan = createdByInterruptedRotation(other.createDate, input.rotationStartedAt);
    if (options.deleteKey === other.accessKeyId || (other.status === 'Inactive' && options.deleteInactive)) {
      decisions.push({ key: other, described });
    } else if (orphan) {
      decisions.push({
        key: other,
        described,
        ask: `Delete ${described}, left behind by an interrupted rotation? Its secret was never saved.`,
      });
    } else {
      throw refusal(input, described, other, false);
    }
  }
  for (const decision of decisions) {
    if (decision.ask) {
      if (options.dryRun) {
        options.log(`Would ask whether to delete ${decision.described}, left by an interrupted rotation.`);
        continue;
      }
      if (!(await options.confirm(decision.ask)))
        throw refusal(input, decision.described, decision.key, true);
    }
    if (options.dryRun) {
      options.log(`Would delete ${decision.described}.`);
      continue;
    }
    const outcome = await deleteKeyConfirmed(
      input.api,
      input.credentials,
      userName,
      decision.key.accessKeyId,
      input.confirmDelete,
    );
    if (!outcome.deleted) {
      throw new AwsError(
        `Deleting ${decision.described} was not confirmed (${outcome.reason.replace(/\.$/, '')}), so rotation did not start; ${input.file} is unchanged. Try again with the same command.`,
      );
    }
    options.log(`Deleted ${decision.described}.`);
  }
}

function refusal(input: OtherKeysInput, described: string, key: AccessKeyInfo, orphan: boolean): UsageError {
  const how = orphan
    ? `it was left by an interrupted rotation and its secret was never saved; delete it with: awst rotate-keys --delete-key ${key.accessKeyId}`
    : key.status === 'Inactive'
      ? 'delete it with: awst rotate-keys --delete-inactive'
      : `it is active: if nothing uses it any more, delete it with: awst rotate-keys --delete-key ${key.accessKeyId}`;
  return new UsageError(
    `${input.userName} already has a second access key, ${described}, which is not in ${input.file}. IAM allows two keys, so rotation cannot start; ${how}`,
  );
}
