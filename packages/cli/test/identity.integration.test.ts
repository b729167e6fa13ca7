import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  budget,
  CLI_BIN,
  createUserWithMfa,
  hasCommand,
  type Moto,
  runProcess,
  startEmulatedAccount,
  type TestUser,
  terraformOfflineEnv,
  userWorkspace,
  type Workspace,
  withAwstOnPath,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Every way awst hands over credentials × every real client × a clean and a hostile HOME: each client must
 * act as the role of the pair asked for. The hostile HOME is a common machine: `aws configure` without
 * --profile left another user's key in [default], a [default] in ~/.aws/config that sets a region and a
 * credential_process (both for that other user), and a shell that exports that user's key, a stale
 * token under both names, both profile variables and both region variables.
 */

const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';
const CLIENTS = ['aws', 'boto3', 'js', 'terraform'] as const;
const MODES = [
  'assume profile',
  'assume --export',
  'assume --export-credentials',
  'run',
  'run --server',
  'credential-process',
] as const;
const FIXTURES = resolve(import.meta.dirname, 'identity');
const CLIENTS_SH = join(FIXTURES, 'clients.sh');
/** The SDK for JavaScript drops profile names with a space; its profile cells use this template. */
const JS_TEMPLATE_CONFIG = `profileNameTemplate = "{account}-{role}"\n${AWSTOOLS_CONFIG}`;

const missing = ['moto_server', 'aws', 'python3', 'terraform'].filter((c) => !hasCommand(c));

describe.skipIf(missing.length > 0)('which identity each client sees', () => {
  let moto: Moto;
  let alice: TestUser;
  let mallory: TestUser;
  let tf: { dir: string; env: NodeJS.ProcessEnv };

  // moto, the account's users and one terraform init.
  const setup = budget({ moto: 1, processes: 2, terraform: 1 });
  beforeAll(async () => {
    ({ moto, user: alice } = await startEmulatedAccount());
    mallory = await createUserWithMfa(moto.endpoint, 'mallory');
    // One Terraform folder, initialised once from the offline mirror; every apply keeps its own state.
    const dir = mkdtempSync(join(tmpdir(), 'awst-identity-tf-'));
    copyFileSync(join(FIXTURES, 'main.tf'), join(dir, 'main.tf'));
    const env = { ...process.env, ...terraformOfflineEnv(dir), TF_DATA_DIR: join(dir, '.terraform') };
    const init = spawnSync('terraform', [`-chdir=${dir}`, 'init', '-input=false', '-no-color'], {
      env,
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
    tf = { dir, env: { ...terraformOfflineEnv(dir), TF_DATA_DIR: join(dir, '.terraform'), TF_DIR: dir } };
  }, setup);
  afterAll(async () => {
    await moto?.stop();
    if (tf) rmSync(tf.dir, { recursive: true, force: true });
  });

  function home(kind: 'clean' | 'hostile'): { ws: Workspace; env: NodeJS.ProcessEnv } {
    const otherKey = `aws_access_key_id = ${mallory.accessKeyId}\naws_secret_access_key = ${mallory.secretAccessKey}\n`;
    const ws = userWorkspace(moto.endpoint, alice, {
      extraCredentials: kind === 'hostile' ? `[default]\n${otherKey}\n[mallory]\n${otherKey}\n` : '',
    });
    const cli = `"${process.execPath}" "${CLI_BIN}"`;
    let config = '';
    if (kind === 'hostile') {
      const otherProcess = join(ws.home, 'other-user-credentials.sh');
      writeFileSync(
        otherProcess,
        `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${mallory.accessKeyId}","SecretAccessKey":"${mallory.secretAccessKey}"}'\n`,
        { mode: 0o755 },
      );
      config += `[default]\nregion = sa-east-1\ncredential_process = ${otherProcess}\n\n[profile mallory]\nregion = sa-east-1\n\n`;
    }
    config += `[profile dev]\ncredential_process = ${cli} credential-process main-account DeveloperAccess\nregion = eu-west-1\n`;
    writeFileSync(ws.configFile, config);
    writeFileSync(join(ws.home, 'js-template.toml'), JS_TEMPLATE_CONFIG);
    const env: NodeJS.ProcessEnv = {
      ...withAwstOnPath(ws),
      ...tf.env,
      NODE: process.execPath,
      ...(kind === 'hostile'
        ? {
            AWS_PROFILE: 'mallory',
            AWS_DEFAULT_PROFILE: 'mallory',
            AWS_ACCESS_KEY_ID: mallory.accessKeyId,
            AWS_SECRET_ACCESS_KEY: mallory.secretAccessKey,
            AWS_SESSION_TOKEN: 'stale-token',
            AWS_SECURITY_TOKEN: 'stale-token',
            AWS_REGION: 'us-west-2',
            AWS_DEFAULT_REGION: 'ap-south-1',
          }
        : {}),
    };
    return { ws, env };
  }

  /** One bash script per mode that hands over credentials as a user would, then asks each client. */
  function script(mode: (typeof MODES)[number], clients: readonly string[], jsTemplate: boolean): string {
    const config = jsTemplate ? ' --config "$HOME/js-template.toml"' : '';
    const profile = jsTemplate ? 'main-account-DeveloperAccess' : 'main-account DeveloperAccess';
    const list = clients.join(' ');
    switch (mode) {
      case 'assume profile':
        return `awst${config} assume main-account DeveloperAccess -t 123456 2>/dev/null && "${CLIENTS_SH}" "${profile}" ${list}`;
      case 'assume --export':
        return `eval "$(awst${config} assume main-account DeveloperAccess -t 123456 --export --shell bash 2>/dev/null)" && "${CLIENTS_SH}" "" ${list}`;
      case 'assume --export-credentials':
        return `eval "$(awst assume main-account DeveloperAccess -t 123456 --export-credentials --shell bash 2>/dev/null)" && "${CLIENTS_SH}" "" ${list}`;
      case 'run':
        return `awst run main-account DeveloperAccess -t 123456 -- "${CLIENTS_SH}" "" ${list}`;
      case 'run --server':
        return `awst run --server main-account DeveloperAccess -t 123456 -- "${CLIENTS_SH}" "" ${list}`;
      case 'credential-process':
        return `awst credential-process main-account DeveloperAccess -t 123456 >/dev/null && "${CLIENTS_SH}" dev ${list}`;
    }
  }

  /** The caller ARN of every (mode, client) cell for one HOME; the modes run one after the other. */
  async function matrix(kind: 'clean' | 'hostile'): Promise<Record<string, string>> {
    const { env } = home(kind);
    const seen: Record<string, string> = {};
    for (const mode of MODES) {
      // Profiles whose names have a space are not readable by the SDK for JavaScript at all.
      const namedProfile = mode === 'assume profile' || mode === 'assume --export';
      const batches: [readonly string[], boolean][] = namedProfile
        ? [
            [CLIENTS.filter((c) => c !== 'js'), false],
            [['js'], true],
          ]
        : [[CLIENTS, false]];
      for (const [clients, jsTemplate] of batches) {
        const out = await runProcess('bash', ['-c', script(mode, clients, jsTemplate)], env, {
          timeoutMs: budget({ processes: 3, terraform: 1 }),
        });
        for (const client of clients) {
          seen[`${kind} | ${mode} | ${client}`] =
            new RegExp(`^${client}=(.*)$`, 'm').exec(out.stdout)?.[1] ?? `no answer: ${out.stderr}`;
        }
      }
    }
    return seen;
  }

  // Two HOMEs side by side; per HOME and mode: awst, the clients' shell, aws, boto3, the SDK program (twice
  // for the two modes that name a profile) and a Terraform plan.
  const work = { processes: 2 * MODES.length * 6, terraform: 2 * MODES.length };
  it('every client acts as the role, whichever way awst hands it over, in a clean and a hostile HOME', {
    timeout: budget(work),
  }, async () => {
    const started = Date.now();
    const [clean, hostile] = await Promise.all([matrix('clean'), matrix('hostile')]);
    const seen = { ...clean, ...hostile };
    const expected = Object.fromEntries(Object.keys(seen).map((cell) => [cell, ROLE_ARN]));
    expect(Object.keys(seen)).toHaveLength(2 * MODES.length * CLIENTS.length);
    expect(seen).toEqual(expected);
    console.log(
      `identity matrix: ${Object.keys(seen).length} cells in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});
