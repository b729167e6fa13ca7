// Step 2: deploy the baseline "as the root account would": the root user's key in a `root-account`
// profile, AWS_PROFILE=root-account, Terraform in the synthesized stack folder.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EMULATOR_EXCEPTIONS, EMULATOR_SWITCH } from '../../packages/infra/dist/settings/emulator.js';
import { addSection, REGION, sh } from './context.mjs';

export const AS_ROOT = { AWS_PROFILE: 'root-account' };

export async function bootstrap(ctx, step) {
  addSection(ctx.paths.credentials, 'root-account', {
    aws_access_key_id: 'test',
    aws_secret_access_key: 'test',
  });
  addSection(ctx.paths.config, 'profile root-account', { region: REGION });
  step.note("moto has no root user; its test/test key stands in for the root account's access key.");
  step.note(
    `synthesized with ${EMULATOR_SWITCH}=1, the infra package's emulator case; on AWS all of this stays on. Left out:`,
  );
  for (const e of EMULATOR_EXCEPTIONS) step.note(`  ${e.what}: ${e.why}.`);
  mkdirSync(dirname(ctx.paths.infraOut), { recursive: true });
  await sh(
    ctx,
    step,
    process.execPath,
    [join(import.meta.dirname, 'synth-baseline.mjs'), ctx.paths.infraOut],
    {
      display: 'synth baseline → ~/infra/cdktf.out/stacks/baseline',
    },
  );
  const tf = (...args) =>
    sh(ctx, step, 'terraform', [...args, '-input=false', '-no-color'], {
      cwd: ctx.paths.stack,
      extraEnv: AS_ROOT,
      display: `AWS_PROFILE=root-account terraform ${args.join(' ')}`,
    });
  await tf('init');
  const applied = await tf('apply', '-auto-approve');
  const summary = /Apply complete! Resources: \d+ added/.exec(applied)?.[0];
  if (summary) step.detail(summary);
  const outputs = JSON.parse(
    await sh(ctx, step, 'terraform', ['output', '-json'], { cwd: ctx.paths.stack, quiet: true }),
  );
  ctx.outputs = Object.fromEntries(Object.entries(outputs).map(([key, { value }]) => [key, value]));
  for (const key of ['account_id', 'console_sign_in_url', 'admin_role_arn', 'developer_role_arn', 'vpc_id']) {
    if (ctx.outputs[key]) step.detail(`${key} = ${ctx.outputs[key]}`);
  }
}
