// Step 6: rotate the access key by hand, then look at what awst manages.
import { readFileSync } from 'node:fs';
import { ACCOUNT, sh } from './context.mjs';

/** The access key id in `[main-account]` of the credentials file. */
export function mainKeyId(ctx) {
  const text = readFileSync(ctx.paths.credentials, 'utf8');
  const section = text.split(/^\[/m).find((s) => s.startsWith(`${ACCOUNT}]`)) ?? '';
  return /^aws_access_key_id\s*=\s*(\S+)/m.exec(section)?.[1];
}

export async function rotateAndStatus(ctx, step) {
  const before = mainKeyId(ctx);
  await sh(ctx, step, 'awst', ['rotate-keys']);
  const after = mainKeyId(ctx);
  if (!after || after === before) throw new Error(`the key in [${ACCOUNT}] did not change (${before})`);
  step.detail(`→ [${ACCOUNT}] now holds ${after}; ${before} is deleted`);
  const status = await sh(ctx, step, 'awst', ['status']);
  for (const line of status.trimEnd().split('\n')) step.detail(`  ${line}`);
}
