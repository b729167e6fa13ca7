// Step 3: what the admin user does once: a virtual MFA device enabled with two consecutive codes, an
// access key in `[main-account]` (as `aws configure --profile main-account` writes it), and config.toml
// from the stack's outputs with `awst init --from-stack`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AS_ROOT } from './bootstrap.mjs';
import { ACCOUNT, addSection, aws, REGION, sh } from './context.mjs';
import { totp } from './totp.mjs';

export const ADMIN = 'admin';

export async function adminSetup(ctx, step) {
  step.note(
    'moto has no console to sign in to: the console steps of admin (MFA device, first access key) are made with the AWS CLI and the root-account profile.',
  );
  const device = await aws(
    ctx,
    step,
    [
      'iam',
      'create-virtual-mfa-device',
      '--virtual-mfa-device-name',
      `${ADMIN}-phone`,
      '--outfile',
      ctx.paths.mfaSeed,
      '--bootstrap-method',
      'Base32StringSeed',
    ],
    { extraEnv: AS_ROOT },
  );
  const serial = device.VirtualMFADevice.SerialNumber;
  const seed = readFileSync(ctx.paths.mfaSeed, 'utf8').trim();
  ctx.secrets.add(seed);
  ctx.mfaSeed = seed;
  ctx.mfaSerial = serial;
  step.detail(`device ${serial}; its Base32 seed (kept in ~/admin-mfa-seed.txt) plays the phone app`);
  const now = Date.now();
  const [code1, code2] = [totp(seed, { timeMs: now }), totp(seed, { timeMs: now, step: 1 })];
  await sh(
    ctx,
    step,
    'aws',
    [
      'iam',
      'enable-mfa-device',
      '--user-name',
      ADMIN,
      '--serial-number',
      serial,
      '--authentication-code1',
      code1,
      '--authentication-code2',
      code2,
    ],
    {
      extraEnv: AS_ROOT,
      display: `aws iam enable-mfa-device --user-name ${ADMIN} --serial-number ${serial} --authentication-code1 ****** --authentication-code2 ******`,
    },
  );
  step.detail('enabled with two consecutive TOTP codes computed from the seed (RFC 6238)');

  const key = (
    await aws(ctx, step, ['iam', 'create-access-key', '--user-name', ADMIN], { extraEnv: AS_ROOT })
  ).AccessKey;
  ctx.secrets.add(key.SecretAccessKey);
  addSection(ctx.paths.credentials, ACCOUNT, {
    aws_access_key_id: key.AccessKeyId,
    aws_secret_access_key: key.SecretAccessKey,
  });
  addSection(ctx.paths.config, `profile ${ACCOUNT}`, { region: REGION, output: 'json' });
  ctx.firstKeyId = key.AccessKeyId;
  step.detail(`access key ${key.AccessKeyId} of ${ADMIN} stored in [${ACCOUNT}] of ~/.aws/credentials`);

  await sh(ctx, step, 'awst', ['init', '--from-stack', ctx.paths.stack]);
  // A nice touch for the rest of the journey: awst can ask a command for codes instead of a person.
  const mfaProcess = `${quoteSh(process.execPath)} ${quoteSh(join(import.meta.dirname, 'totp.mjs'))} ${quoteSh(ctx.paths.mfaSeed)}`;
  const config = readFileSync(ctx.paths.awstConfig, 'utf8');
  writeFileSync(ctx.paths.awstConfig, `mfaProcess = ${JSON.stringify(mfaProcess)}\n${config}`);
  for (const line of readFileSync(ctx.paths.awstConfig, 'utf8').trimEnd().split('\n')) {
    step.detail(`  ${line}`);
  }
  step.note(
    'mfaProcess (added by the demo) would compute a code from the seed should awst need one later; step 4 passes its code with --token-code.',
  );
}

function quoteSh(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
