// Step 1: moto_server on a free loopback port, in its own process group, working in the temp HOME (its
// request recorder would otherwise write into the current folder). Also finds the Terraform provider mirror.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  hasCommand,
  motoEnv,
  terraformOfflineEnv,
  terraformProviderMirror,
  waitForMoto,
} from '@awst/testkit';
import { start } from './processes.mjs';

export const MISSING_TOOLS = {
  moto_server: 'moto_server is not installed. Install it with:  pipx install "moto[server]"',
  terraform:
    'terraform is not installed. Get it from https://developer.hashicorp.com/terraform/install (e.g. apt-get install terraform or brew install hashicorp/tap/terraform).',
  aws: 'The AWS CLI is not installed. Install it with:  pipx install awscli',
};

/** The first missing tool's message, or undefined when all are there. */
export function missingTool(env) {
  const name = Object.keys(MISSING_TOOLS).find((tool) => !hasCommand(tool, env));
  return name && MISSING_TOOLS[name];
}

export async function startEmulator(ctx, step) {
  const dir = join(ctx.home, 'moto');
  mkdirSync(dir);
  // Port 0: the system picks a free port, and moto_server says which.
  step.activity('$ moto_server -H 127.0.0.1 -p 0');
  const child = start('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
    cwd: dir,
    env: { ...ctx.env, ...motoEnv(dir) }, // managed policies: the baseline attaches AdministratorAccess, …
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  ctx.moto = child;

  // Meanwhile (moto takes a moment to start): the local hashicorp/aws mirror, so Terraform works offline.
  try {
    Object.assign(ctx.env, terraformOfflineEnv(ctx.paths.tmp));
    step.detail(`Terraform provider mirror: ${terraformProviderMirror()}`);
  } catch {
    step.note('no local hashicorp/aws provider mirror: terraform init will download the provider.');
  }

  const endpoint = await waitForMoto(child);
  ctx.env.AWS_ENDPOINT_URL = endpoint;
  ctx.endpoint = endpoint;
  step.detail(`moto_server listening on ${endpoint} (pid ${child.pid})`);
  step.detail(`AWS_ENDPOINT_URL=${endpoint} for every command below`);
}
