import { rotateKeys } from '../rotation/rotate-keys.js';
import { confirmOnTerminal } from '../terminal/confirm.js';
import { note } from '../terminal/messages.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings } from './wiring.js';

export interface RotateKeysOptions {
  tokenCode?: string;
  dryRun?: boolean;
  deleteInactive?: boolean;
  deleteKey?: string;
}

export async function rotateKeysCommand(options: RotateKeysOptions, global: GlobalOptions) {
  const config = await loadConfigWithWarnings(global);
  const ctx = chainContext(config, { tokenCode: options.tokenCode });
  const result = await rotateKeys(ctx, {
    dryRun: options.dryRun,
    deleteInactive: options.deleteInactive,
    deleteKey: options.deleteKey,
    confirm: confirmOnTerminal,
    log: note,
  });
  if (result.dryRun) return;
  process.stdout.write(
    `${result.finishedInterrupted ? 'Finished the rotation of' : 'Rotated'} the access key of ${result.userName}: ${result.oldKeyId} → ${result.newKeyId} in ${result.seconds} s.\n`,
  );
}
