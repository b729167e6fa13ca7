// Steps 4 and 5: a role session with an MFA code, then Terraform and the AWS CLI working through roles.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, addSection, aws, REGION, REPO, sh } from './context.mjs';
import { totp } from './totp.mjs';

export async function assumeRole(ctx, step) {
  step.detail("the code is computed from the device's seed (RFC 6238), as the phone app would show it");
  const code = totp(ctx.mfaSeed);
  await sh(ctx, step, 'awst', ['assume', ACCOUNT, 'DeveloperAccess', '--token-code', code], {
    display: `awst assume ${ACCOUNT} DeveloperAccess --token-code ******`,
  });
  const profile = `${ACCOUNT} DeveloperAccess`;
  const identity = await aws(ctx, step, ['sts', 'get-caller-identity', '--profile', profile]);
  step.detail(`→ ${identity.Arn}`);
  if (!identity.Arn.includes(':assumed-role/DeveloperAccess/')) {
    throw new Error(`expected the DeveloperAccess role, got ${identity.Arn}`);
  }
}

export async function terraformAndCli(ctx, step) {
  cpSync(join(REPO, 'examples', 'terraform-project'), ctx.paths.project, { recursive: true });
  step.detail('examples/terraform-project copied to ~/terraform-project');
  const tf = (...args) =>
    sh(ctx, step, 'awst', ['run', ACCOUNT, 'AdminAccess', '--', 'terraform', ...args], {
      cwd: ctx.paths.project,
    });
  await tf('init', '-input=false', '-no-color');
  const applied = await tf('apply', '-auto-approve', '-input=false', '-no-color');
  const summary = /Apply complete! Resources: \d+ added/.exec(applied)?.[0];
  if (summary) step.detail(summary);
  const callerArn = (await tf('output', '-raw', 'caller_arn')).trim();
  step.detail(`→ Terraform ran as ${callerArn}`);
  if (!callerArn.includes(':assumed-role/AdminAccess/')) {
    throw new Error(`expected the AdminAccess role, got ${callerArn}`);
  }

  addSection(ctx.paths.config, 'profile dev', {
    credential_process: `awst credential-process ${ACCOUNT} DeveloperAccess`,
    region: REGION,
  });
  step.detail(`[profile dev] credential_process = awst credential-process ${ACCOUNT} DeveloperAccess`);
  const identity = await aws(ctx, step, ['sts', 'get-caller-identity', '--profile', 'dev']);
  step.detail(`→ ${identity.Arn}`);
  if (!identity.Arn.includes(':assumed-role/DeveloperAccess/')) {
    throw new Error(`expected the DeveloperAccess role, got ${identity.Arn}`);
  }
  const groups = await aws(ctx, step, ['logs', 'describe-log-groups', '--profile', 'dev']);
  step.detail(`→ log groups: ${groups.logGroups.map((g) => g.logGroupName).join(', ')}`);
}
