import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  CLI_BIN,
  type Moto,
  type TestUser,
  type Workspace,
  writeAwstConfig,
} from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({ each: (account) => ({ moto, user, ws } = account) });

const ARN = (role: string) => `arn:aws:sts::123456789012:assumed-role/${role}/alice`;
const awsWhoAmI = ['aws', 'sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text'];
/** `awst run [flags] main-account DeveloperAccess -t 123456 -- sh -c script` */
const runInShell = (script: string, flags: string[] = []) =>
  ws.awst(['run', ...flags, 'main-account', 'DeveloperAccess', '-t', '123456', '--', 'sh', '-c', script]);

describe('awst run', () => {
  it('runs the command with role credentials and passes its exit code through', async () => {
    const who = await ws.awst(['run', 'main-account', 'DeveloperAccess', '-t', '123456', '--', ...awsWhoAmI]);
    expect(who.stdout.trim()).toBe(ARN('DeveloperAccess'));
    expect(who.code).toBe(0);
    const exit = await ws.awst(['run', 'main-account', 'DeveloperAccess', '--', 'sh', '-c', 'exit 7']);
    expect(exit.code).toBe(7);
  });

  it('takes the pair from AWS_PROFILE and removes it from the child', async () => {
    await ws.awst(['assume', 'main-account', 'AdminAccess', '-t', '123456']);
    const out = await ws.awst(
      [
        'run',
        '--',
        'sh',
        '-c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template.
        'echo "profile=${AWS_PROFILE-unset}"; aws sts get-caller-identity --query Arn --output text',
      ],
      {
        env: { AWS_PROFILE: 'main-account AdminAccess' },
      },
    );
    expect(out.stdout).toBe(`profile=unset\n${ARN('AdminAccess')}\n`);
  });

  it('says how to name a role when none is given', async () => {
    const out = await ws.awst(['run', '--', 'true']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/No role to use.*AWS_PROFILE/);
  });

  it('reports a missing command with exit code 127', async () => {
    const out = await ws.awst([
      'run',
      'main-account',
      'DeveloperAccess',
      '-t',
      '123456',
      '--',
      'no-such-command-awst',
    ]);
    expect(out.code).toBe(127);
    expect(out.stderr).toMatch(/Command not found: no-such-command-awst/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('passes SIGTERM to the child, which can trap it', async () => {
    await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    // The child says "ready" once its trap is set; awst's handlers exist before the child does, so the
    // signal sent on that marker must reach the trap, however slow the machine.
    const child = spawn(
      process.execPath,
      [
        CLI_BIN,
        'run',
        'main-account',
        'DeveloperAccess',
        '--',
        'sh',
        '-c',
        'trap "echo trapped; exit 3" TERM; echo ready; while :; do sleep 0.05; done',
      ],
      { env: ws.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const ready = new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (stdout.includes('ready')) resolve();
        }),
      );
      // If awst ends before the marker, fail with what it said instead of waiting for the test timeout.
      await Promise.race([ready, closed.then(() => Promise.reject(new Error(`awst ended: ${stderr}`)))]);
      child.kill('SIGTERM');
      expect(await closed).toBe(3);
      expect(stdout).toBe('ready\ntrapped\n');
    } finally {
      // Should the forwarding ever fail, the test must not leave the looping shell behind.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }
  });

  it('a nested run reuses the outer credentials without reading any file', async () => {
    const inner = `rm -f "$AWS_SHARED_CREDENTIALS_FILE"; "${process.execPath}" "${CLI_BIN}" run -- aws sts get-caller-identity --query Arn --output text`;
    const out = await runInShell(inner);
    expect(out.stderr).toContain('assumed');
    expect(out.stdout.trim()).toBe(ARN('DeveloperAccess'));
  });

  it('a nested run whose outer keys have expired gets fresh ones instead of passing them on', async () => {
    await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    const expiredOuter = {
      AWST_PROFILE: 'main-account DeveloperAccess',
      AWS_ACCESS_KEY_ID: 'ASIAEXPIREDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'expired',
      AWS_SESSION_TOKEN: 'expired',
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() - 60_000).toISOString(),
    };
    const out = await ws.awst(
      ['run', '--', 'sh', '-c', `echo "$AWS_ACCESS_KEY_ID"; ${awsWhoAmI.join(' ')}`],
      {
        env: expiredOuter,
      },
    );
    const [key, arn] = out.stdout.trim().split('\n');
    expect(key).toMatch(/^ASIA/);
    expect(key).not.toBe('ASIAEXPIREDEXAMPLE');
    expect(arn).toBe(ARN('DeveloperAccess'));
  });

  it('inside run --server, a nested run for another role finds your key in your own files', async () => {
    const inner = `"${process.execPath}" "${CLI_BIN}" run main-account AdminAccess -- ${awsWhoAmI.join(' ')}`;
    const out = await runInShell(inner, ['--server']);
    expect(out.stderr).toContain('switching to "main-account AdminAccess"');
    expect(out.stdout.trim()).toBe(ARN('AdminAccess'));
  });

  it('--server: the command reads a key-free copy of your config, removed when it ends', async () => {
    writeFileSync(
      ws.configFile,
      '[default]\noutput = text\ncredential_process = /bin/false\n\n[profile other]\nrole_arn = arn:aws:iam::123456789012:role/AdminAccess\nsource_profile = main-account\naws_secret_access_key = stray\n',
    );
    const out = await runInShell(
      'echo "$AWS_CONFIG_FILE $AWS_SHARED_CREDENTIALS_FILE"; cat "$AWS_CONFIG_FILE"',
      ['--server'],
    );
    expect(out.code).toBe(0);
    const [files, ...config] = out.stdout.split('\n');
    const [configCopy, credentials] = files!.split(' ');
    expect(credentials).toBe('/dev/null');
    // awst's own region sections follow; nothing else of the original is left out.
    expect(config.join('\n')).toMatch(
      /^\[default\]\noutput = text\n\n\[profile other\]\nrole_arn = arn:aws:iam::123456789012:role\/AdminAccess\nsource_profile = main-account\n\n\[profile /,
    );
    expect(out.stdout).not.toMatch(/credential_process|stray/);
    expect(existsSync(configCopy!)).toBe(false);
  });

  it('half a pair is refused, not completed from the configured default', async () => {
    writeAwstConfig(ws, `defaultAccount = "main-account"\ndefaultRole = "AdminAccess"\n${AWSTOOLS_CONFIG}`);
    for (const args of [
      ['credential-process', 'main-account'],
      ['run', 'main-account', '--', 'true'],
    ]) {
      const out = await ws.awst([...args.slice(0, 2), '-t', '123456', ...args.slice(2)]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/^awst: Give both <account> and <role>[^\n]*\n$/);
    }
  });

  it('--server renews credentials that enter the reuse window, serving the valid ones meanwhile', async () => {
    // The child moves the cached expiry into the window (11 of 15 minutes left), as time would; the
    // next request gets the still-valid keys at once and starts the renewal, a later one the new keys.
    const nearExpiry = `node -e '
const fs = require("fs"); const f = process.env.AWST_USER_CREDENTIALS_FILE;
const soon = new Date(Date.now() + 11 * 60000).toISOString();
fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(/(\\[main-account DeveloperAccess\\][^[]*awst_expiration = )\\S+/, "$1" + soon));'`;
    const fetchKey = `curl -sf -H "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_CONTAINER_CREDENTIALS_FULL_URI" | sed 's/.*"AccessKeyId":"\\([^"]*\\)".*/\\1/'`;
    const script = [
      `key() { ${fetchKey}; echo; }`,
      'first=$(key); echo "$first"',
      `PATH="${join(process.execPath, '..')}:$PATH" ${nearExpiry}`,
      'key',
      'i=0; while [ $i -lt 200 ] && [ "$(key)" = "$first" ]; do i=$((i+1)); sleep 0.1; done',
      'key',
      `echo "keys=\${AWS_ACCESS_KEY_ID-none}"`,
      'aws sts get-caller-identity --query Arn --output text',
    ].join('\n');
    const out = await ws.awst([
      'run',
      'main-account',
      'DeveloperAccess',
      '-t',
      '123456',
      '--server',
      '--',
      'sh',
      '-c',
      script,
    ]);
    expect(out.stderr + out.code).toMatch(/0$/);
    const [first, during, renewed, keys, arn] = out.stdout.trim().split('\n');
    expect(first).toMatch(/^ASIA/);
    expect(during).toBe(first);
    expect(renewed).toMatch(/^ASIA/);
    expect(renewed).not.toBe(first);
    expect(keys).toBe('keys=none');
    expect(arn).toBe(ARN('DeveloperAccess'));
  });
});

describe('awst credential-process', () => {
  function useCredentialProcess(extraConfig = '') {
    writeFileSync(
      ws.configFile,
      `[profile dev]\ncredential_process = "${process.execPath}" "${CLI_BIN}" credential-process main-account DeveloperAccess\nregion = eu-west-1\n`,
    );
    writeAwstConfig(
      ws,
      `mfaProcess = "sh -c 'echo x >> ${join(ws.home, 'codes')}; echo 123456'"\n${AWSTOOLS_CONFIG}${extraConfig}`,
    );
  }

  it('gives the AWS CLI the role through credential_process', () => {
    useCredentialProcess();
    expect(ws.callerArn('dev')).toBe(ARN('DeveloperAccess'));
  });

  it('prints the protocol JSON and nothing else on stdout', async () => {
    const out = await ws.awst(['credential-process', 'main-account', 'DeveloperAccess', '-t', '123456']);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json).sort()).toEqual([
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
      'Version',
    ]);
    expect(json.Version).toBe(1);
  });

  it('twenty parallel cold calls share one code and one MFA session; twenty warm calls all succeed', async () => {
    useCredentialProcess();
    await moto.startRecording();
    const cold = await Promise.all(
      Array.from({ length: 20 }, () => ws.awst(['credential-process', 'main-account', 'DeveloperAccess'])),
    );
    const calls = await moto.stopRecording();
    for (const run of cold) expect(run.stderr + run.code).toMatch(/0$/);
    expect(calls.filter((c) => c === 'GetSessionToken')).toHaveLength(1);
    expect(readFileSync(join(ws.home, 'codes'), 'utf8')).toBe('x\n');
    const keys = new Set(cold.map((run) => JSON.parse(run.stdout).AccessKeyId));
    expect(keys.size).toBe(1);

    await moto.startRecording();
    const warm = await Promise.all(
      Array.from({ length: 20 }, () => ws.awst(['credential-process', 'main-account', 'DeveloperAccess'])),
    );
    expect(await moto.stopRecording()).toEqual([]);
    for (const run of warm) expect(JSON.parse(run.stdout).AccessKeyId).toBe([...keys][0]);
  });
});
