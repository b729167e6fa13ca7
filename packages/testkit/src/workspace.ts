import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestUser } from './aws-account.js';
import { integrationOnly } from './unit-run.js';

/** The built awst CLI of this monorepo. */
export const CLI_BIN = resolve(import.meta.dirname, '../../cli/bin/awst.cjs');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A throwaway HOME with its own AWS files and config.toml, pointed at one emulator. */
export interface Workspace {
  home: string;
  credentialsFile: string;
  configFile: string;
  awstConfigFile: string;
  env: NodeJS.ProcessEnv;
  /** Runs the built awst CLI as a subprocess. */
  awst(
    args: string[],
    options?: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
  ): Promise<RunResult>;
  /** Runs the real AWS CLI with this workspace's environment. */
  aws(args: string[], env?: NodeJS.ProcessEnv): RunResult;
  /** The ARN the AWS CLI acts as with `profile` (`sts get-caller-identity`); throws with its stderr if it fails. */
  callerArn(profile: string, env?: NodeJS.ProcessEnv): string;
}

const INHERITED = ['PATH', 'LANG', 'TERM', 'PYENV_ROOT', 'PYENV_VERSION', 'TMPDIR', 'SYSTEMROOT'];

export function createWorkspace(endpoint: string): Workspace {
  const home = mkdtempSync(join(tmpdir(), 'awst-test-'));
  mkdirSync(join(home, '.aws'), { mode: 0o700 });
  mkdirSync(join(home, '.config', 'awst'), { recursive: true });
  const credentialsFile = join(home, '.aws', 'credentials');
  const configFile = join(home, '.aws', 'config');
  const awstConfigFile = join(home, '.config', 'awst', 'config.toml');
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      INHERITED.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
    ),
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: configFile,
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    home,
    credentialsFile,
    configFile,
    awstConfigFile,
    env,
    awst: (args, options = {}) => {
      integrationOnly('the built awst CLI');
      return runProcess(process.execPath, [CLI_BIN, ...args], { ...env, ...options.env }, options);
    },
    aws,
    callerArn: (profile, extra = {}) => {
      const out = aws(
        ['sts', 'get-caller-identity', '--profile', profile, '--query', 'Arn', '--output', 'text'],
        extra,
      );
      if (out.code !== 0 || out.stderr) {
        throw new Error(`aws sts get-caller-identity --profile '${profile}' failed: ${out.stderr}`);
      }
      return out.stdout.trim();
    },
  };
  function aws(args: string[], extra: NodeJS.ProcessEnv = {}): RunResult {
    integrationOnly('the AWS CLI');
    const out = spawnSync('aws', args, { env: { ...env, ...extra }, encoding: 'utf8' });
    return { code: out.status, signal: out.signal, stdout: out.stdout, stderr: out.stderr };
  }
}

export function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    // detached: no controlling terminal, as in CI, so /dev/tty cannot be opened.
    const child = spawn(command, args, {
      env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    // On timeout the whole process group goes, so nothing awst started outlives the test.
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    // awst may exit before it reads its input (a usage error): on a busy machine the write then meets a
    // closed pipe (EPIPE), which is the child's choice, not a failure of the test.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export function writeMainKey(ws: Workspace, user: TestUser, extra = ''): void {
  writeFileSync(
    ws.credentialsFile,
    `${extra}[main-account]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    { mode: 0o600 },
  );
}

export function writeAwstConfig(ws: Workspace, body: string): void {
  writeFileSync(ws.awstConfigFile, body);
}

export const AWSTOOLS_CONFIG = `defaultRegion = "eu-west-1"
keyRotationIntervalMinutes = 0
reuseCredentialsIfValidForMinutes = 15

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
`;

/** Puts an `awst` command on PATH for shell tests (a wrapper around the built CLI); returns the env to use. */
export function withAwstOnPath(ws: Workspace): NodeJS.ProcessEnv {
  const bin = join(ws.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'awst'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`, {
    mode: 0o755,
  });
  return { ...ws.env, PATH: `${bin}:${ws.env.PATH ?? ''}` };
}

/**
 * Whether a shell is installed, for tests of shell-specific examples. A newcomer's machine may lack fish or
 * zsh, so those tests skip there; CI installs both and sets AWST_TEST_ALL_SHELLS=1, which makes a missing
 * shell an error instead of a skip.
 */
export function shellAvailable(name: string): boolean {
  const found = hasCommand(name);
  if (!found && process.env.AWST_TEST_ALL_SHELLS === '1') {
    throw new Error(`${name} is not installed, and AWST_TEST_ALL_SHELLS=1 requires it.`);
  }
  return found;
}

/** Is an executable on PATH? (moto_server, terraform and the AWS CLI are machine tools, not npm packages.) */
export function hasCommand(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { env, stdio: 'ignore' }).status === 0;
}

/** A workspace for `user`: their key in [main-account] (after `extraCredentials`), and a config.toml. */
export function userWorkspace(
  endpoint: string,
  user: TestUser,
  options: { config?: string; extraCredentials?: string } = {},
): Workspace {
  const ws = createWorkspace(endpoint);
  writeMainKey(ws, user, options.extraCredentials);
  writeAwstConfig(ws, options.config ?? AWSTOOLS_CONFIG);
  return ws;
}
