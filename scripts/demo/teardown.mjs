// Step 7: destroy the example project through AdminAccess, then the baseline as root — the last thing, since it
// removes the users and roles awst works through (a role session cannot delete its own role).

import { ADMIN } from './admin.mjs';
import { AS_ROOT } from './bootstrap.mjs';
import { ACCOUNT, aws, sh } from './context.mjs';

const DESTROY_AS_ADMIN = [
  'run',
  ACCOUNT,
  'AdminAccess',
  '--',
  'terraform',
  'destroy',
  '-auto-approve',
  '-input=false',
  '-no-color',
];

export async function teardown(ctx, step) {
  await sh(ctx, step, 'awst', DESTROY_AS_ADMIN, { cwd: ctx.paths.project });
  step.detail('example project destroyed');

  step.note(
    "users have no force_destroy on the emulator, so admin's access keys and MFA device go first (with force_destroy, as on AWS, the destroy removes them).",
  );
  const keys = await aws(ctx, step, ['iam', 'list-access-keys', '--user-name', ADMIN], { extraEnv: AS_ROOT });
  for (const { AccessKeyId } of keys.AccessKeyMetadata) {
    await sh(
      ctx,
      step,
      'aws',
      ['iam', 'delete-access-key', '--user-name', ADMIN, '--access-key-id', AccessKeyId],
      {
        extraEnv: AS_ROOT,
      },
    );
  }
  const devices = await aws(ctx, step, ['iam', 'list-mfa-devices', '--user-name', ADMIN], {
    extraEnv: AS_ROOT,
  });
  for (const { SerialNumber } of devices.MFADevices) {
    await sh(
      ctx,
      step,
      'aws',
      ['iam', 'deactivate-mfa-device', '--user-name', ADMIN, '--serial-number', SerialNumber],
      { extraEnv: AS_ROOT },
    );
    await sh(ctx, step, 'aws', ['iam', 'delete-virtual-mfa-device', '--serial-number', SerialNumber], {
      extraEnv: AS_ROOT,
    });
  }
  const destroyed = await sh(
    ctx,
    step,
    'terraform',
    ['destroy', '-auto-approve', '-input=false', '-no-color'],
    {
      cwd: ctx.paths.stack,
      extraEnv: AS_ROOT,
      display: 'AWS_PROFILE=root-account terraform destroy -auto-approve',
    },
  );
  const summary = /Destroy complete! Resources: \d+ destroyed/.exec(destroyed)?.[0];
  step.detail(`baseline destroyed${summary ? `: ${summary}` : ''}`);
}
