import { UsageError } from '../errors.js';
import { rotateKeys } from '../rotation/rotate-keys.js';
import { DEFAULT_VERIFY } from '../rotation/verify-key.js';
import { confirmOnTerminal } from '../terminal/confirm.js';
import { note } from '../terminal/messages.js';
import { progressLine } from '../terminal/progress.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings } from './wiring.js';

export interface RotateKeysOptions {
  tokenCode?: string;
  dryRun?: boolean;
  deleteInactive?: boolean;
  deleteKey?: string;
  /** Seconds to wait for AWS to accept the new key. */
  wait?: string;
}

export async function rotateKeysCommand(options: RotateKeysOptions, global: GlobalOptions) {
  const config = await loadConfigWithWarnings(global);
  const timeoutMs = waitSeconds(options.wait) * 1000;
  const ctx = chainContext(config, { tokenCode: options.tokenCode });
  const progress = progressLine();
  const say = (line: string) => {
    progress.done();
    note(line);
  };
  const result = await rotateKeys(ctx, {
    dryRun: options.dryRun,
    deleteInactive: options.deleteInactive,
    deleteKey: options.deleteKey,
    confirm: confirmOnTerminal,
    log: say,
    verify: {
      ...DEFAULT_VERIFY,
      timeoutMs,
      onWait: (p) =>
        progress.update(
          `Waiting for AWS to accept the new key (IAM takes a while to make it usable): ${Math.round(p.elapsedMs / 1000)} s of at most ${Math.round(p.windowMs / 1000)} s…`,
        ),
    },
  }).finally(() => progress.done());
  if (result.dryRun) return;
  process.stdout.write(
    `${result.finishedInterrupted ? 'Finished the rotation of' : 'Rotated'} the access key of ${result.userName}: ${result.oldKeyId} → ${result.newKeyId} in ${result.seconds} s.\n`,
  );
}

/** --wait: whole seconds, at least 1; by default the window that covers what AWS users report. */
function waitSeconds(given: string | undefined): number {
  if (given === undefined) return DEFAULT_VERIFY.timeoutMs / 1000;
  const seconds = Number(given);
  if (!/^\d+$/.test(given.trim()) || seconds < 1 || seconds > 3600) {
    throw new UsageError(
      `--wait ${given}: give the seconds to wait for AWS to accept the new key, from 1 to 3600.`,
    );
  }
  return seconds;
}
