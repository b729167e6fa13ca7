// The demo's throwaway world: a temp HOME holding every file the journey writes (AWS files, config.toml,
// the synthesized stack, Terraform state, the emulator's working folder, even TMPDIR), and the environment
// every command runs with. Nothing is written outside it.
import { appendFileSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withAwstOnPath } from '@awst/testkit';
import { run } from './processes.mjs';

export const REPO = resolve(import.meta.dirname, '../..');
export const REGION = 'eu-west-1';
export const ACCOUNT = 'main-account';

/** Variables of the caller's shell that would point the journey at something else. */
const FOREIGN = /^(AWS_|AWST_|TF_|XDG_CONFIG_HOME$)/;

export function createContext() {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'awst-demo-')));
  const paths = {
    home,
    tmp: join(home, 'tmp'),
    aws: join(home, '.aws'),
    credentials: join(home, '.aws', 'credentials'),
    config: join(home, '.aws', 'config'),
    awstConfig: join(home, '.config', 'awst', 'config.toml'),
    mfaSeed: join(home, 'admin-mfa-seed.txt'),
    infraOut: join(home, 'infra', 'cdktf.out'),
    stack: join(home, 'infra', 'cdktf.out', 'stacks', 'baseline'),
    project: join(home, 'terraform-project'),
  };
  mkdirSync(paths.tmp);
  mkdirSync(paths.aws, { mode: 0o700 });
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !FOREIGN.test(key)));
  Object.assign(env, {
    HOME: home,
    TMPDIR: paths.tmp,
    AWS_SHARED_CREDENTIALS_FILE: paths.credentials,
    AWS_CONFIG_FILE: paths.config,
    AWS_DEFAULT_REGION: REGION, // the AWS CLI v1 has no default region
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_PAGER: '',
  });
  // awst on PATH (for credential_process too), as `npm install -g ./packages/cli` would put it: ~/bin/awst.
  return { home, paths, env: withAwstOnPath({ home, env }), secrets: new Set(), outputs: {} };
}

/** Replaces every secret the demo has seen with a mask, and the temp HOME with `~`. */
export function redactor(ctx) {
  return (text) => {
    let result = String(text);
    for (const secret of ctx.secrets) if (secret) result = result.split(secret).join('****');
    return result.split(ctx.home).join('~');
  };
}

/** Appends an INI section, as `aws configure` would write it. */
export function addSection(file, header, values) {
  const body = Object.entries(values)
    .map(([key, value]) => `${key} = ${value}\n`)
    .join('');
  appendFileSync(file, `[${header}]\n${body}\n`, { mode: 0o600 });
}

/**
 * Runs one command of a step: shows it as the spinner's activity, prints it with its seconds when done,
 * and returns its output. `extraEnv` is merged over the demo's environment.
 */
export async function sh(ctx, step, command, args, { extraEnv, cwd, display, quiet } = {}) {
  const shown = display ?? [command, ...args.map(quote)].join(' ');
  step.activity(`$ ${shown}`);
  const started = Date.now();
  const result = await run(command, args, {
    env: { ...ctx.env, ...extraEnv },
    cwd: cwd ?? ctx.home,
    display: shown,
  });
  if (!quiet) step.detail(`$ ${shown}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  step.activity('');
  return result.stdout;
}

function quote(arg) {
  return /^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** `aws … --output json`, parsed. */
export async function aws(ctx, step, args, options = {}) {
  const out = await sh(ctx, step, 'aws', [...args, '--output', 'json'], {
    ...options,
    display: options.display ?? `aws ${args.map(quote).join(' ')}`,
  });
  return out.trim() ? JSON.parse(out) : {};
}
