import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { AWSTOOLS_CONFIG, type Moto, type TestUser, type Workspace, writeAwstConfig } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';
import { OTHER_PROFILES } from './support/other-profiles.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({
  extraCredentials: OTHER_PROFILES,
  each: (account) => ({ moto, user, ws } = account),
});

describe('awst assume on the emulator', () => {
  it('takes <account> and <role> after --, which ends the options', async () => {
    const out = await ws.awst(['assume', '-t', '123456', '--', 'main-account', 'DeveloperAccess']);
    expect(out.stderr + out.code).toMatch(/DeveloperAccess.*\n0$/s);
    expect(ws.callerArn('main-account DeveloperAccess')).toBe(
      'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice',
    );
  });

  it('assumes with a code, then reuses the credentials without AWS calls, then uses the MFA session for the other role', async () => {
    await moto.startRecording();
    const first = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '--token-code', '123456']);
    expect(first.stderr).toMatch(
      /DeveloperAccess in main-account \(123456789012\) assumed: profile "main-account DeveloperAccess", valid until/,
    );
    expect(first.code).toBe(0);
    // stdout is not a terminal here, so it holds the lines for eval "$(awst assume …)": no secrets.
    expect(first.stdout).toMatch(/^unset AWS_/);
    expect(first.stdout).toContain("export AWS_PROFILE='main-account DeveloperAccess'\n");
    expect(first.stdout).not.toMatch(/export AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=/);
    // ListMFADevices without a user name names the user too (as on AWS; testkit's moto-as-aws).
    expect(await moto.stopRecording()).toEqual(['ListMFADevices', 'GetSessionToken', 'AssumeRole']);
    expect(ws.callerArn('main-account DeveloperAccess')).toBe(
      'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice',
    );

    const region = ws.aws(['configure', 'get', 'region', '--profile', 'main-account DeveloperAccess']);
    expect(region.stdout.trim()).toBe('eu-west-1');

    await moto.startRecording();
    const again = await ws.awst(['assume', 'main', 'DeveloperAccess']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/reused/);
    expect(await moto.stopRecording()).toEqual([]);

    await moto.startRecording();
    const admin = await ws.awst(['assume', 'main-account', 'AdminAccess']);
    expect(admin.code).toBe(0);
    expect(await moto.stopRecording()).toEqual(['AssumeRole']);
    expect(ws.callerArn('main-account AdminAccess')).toBe(
      'arn:aws:sts::123456789012:assumed-role/AdminAccess/alice',
    );

    const credentials = readFileSync(ws.credentialsFile, 'utf8');
    expect(credentials.startsWith(OTHER_PROFILES)).toBe(true);
    expect(statSync(ws.credentialsFile).mode & 0o777).toBe(0o600);
    expect(statSync(ws.configFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(ws.configFile, 'utf8')).toContain("[profile 'main-account DeveloperAccess']");
  });

  it('a later cold run needs only GetSessionToken and AssumeRole', async () => {
    expect((await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'])).code).toBe(0);
    // Expire everything but the remembered identity.
    const text = readFileSync(ws.credentialsFile, 'utf8').replace(
      /awst_expiration = .*/g,
      'awst_expiration = 2000-01-01T00:00:00.000Z',
    );
    writeFileSync(ws.credentialsFile, text);
    await moto.startRecording();
    const cold = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '234567']);
    expect(cold.code).toBe(0);
    expect(await moto.stopRecording()).toEqual(['GetSessionToken', 'AssumeRole']);
  });

  it('reads the code from one line of piped stdin', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess'], { input: '123456\n' });
    expect(out.stderr).not.toMatch(/at .*\.js/);
    expect(out.code).toBe(0);
    expect(ws.callerArn('main-account DeveloperAccess')).toMatch(/assumed-role\/DeveloperAccess\/alice$/);
  });

  it('--export prints lines bash can eval', async () => {
    const out = await ws.awst([
      'assume',
      'main-account',
      'DeveloperAccess',
      '-t',
      '123456',
      '--export',
      '--shell',
      'bash',
    ]);
    expect(out.code).toBe(0);
    const shell = await import('node:child_process').then((cp) =>
      cp.spawnSync('bash', ['-c', `${out.stdout}\naws sts get-caller-identity --query Arn --output text`], {
        env: { ...ws.env, AWS_ACCESS_KEY_ID: 'AKIASHOULDBEUNSET', AWS_SECRET_ACCESS_KEY: 'x' },
        encoding: 'utf8',
      }),
    );
    expect(shell.stderr).toBe('');
    expect(shell.stdout.trim()).toBe('arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice');
  });

  it('--export-credentials evaluated by bash gives the role to the AWS CLI', async () => {
    const out = await ws.awst([
      'assume',
      'main-account',
      'AdminAccess',
      '-t',
      '123456',
      '--export-credentials',
    ]);
    expect(out.code).toBe(0);
    const cp = await import('node:child_process');
    const shell = cp.spawnSync(
      'bash',
      ['-c', `eval "$(cat)"; aws sts get-caller-identity --query Arn --output text`],
      {
        env: ws.env,
        input: out.stdout,
        encoding: 'utf8',
      },
    );
    expect(shell.stdout.trim()).toBe('arn:aws:sts::123456789012:assumed-role/AdminAccess/alice');
  });

  it('ten parallel cold runs make one GetSessionToken', async () => {
    await moto.startRecording();
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ws.awst(['assume', 'main-account', i % 2 ? 'AdminAccess' : 'DeveloperAccess', '-t', '123456']),
      ),
    );
    for (const run of runs) expect(run.stderr + run.code).toMatch(/0$/);
    const actions = await moto.stopRecording();
    expect(actions.filter((a) => a === 'GetSessionToken')).toHaveLength(1);
    expect(actions.filter((a) => a === 'AssumeRole')).toHaveLength(2);
  });

  it('ignores AWS_PROFILE naming a profile that does not exist yet', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: { AWS_PROFILE: 'main-account DeveloperAccess' },
    });
    expect(out.stderr).toMatch(/assumed/);
    expect(out.code).toBe(0);
  });
});

describe('awst assume failures leave the files alone', () => {
  function snapshot() {
    return [
      readFileSync(ws.credentialsFile, 'utf8'),
      (() => {
        try {
          return readFileSync(ws.configFile, 'utf8');
        } catch {
          return undefined;
        }
      })(),
    ];
  }

  it.each([
    [
      'an unknown account',
      ['assume', 'nope', 'DeveloperAccess', '-t', '123456'],
      2,
      /No account matches "nope".*main-account/,
    ],
    [
      'a code that is not 6 digits',
      ['assume', 'main-account', 'DeveloperAccess', '-t', '12345'],
      2,
      /6 digits/,
    ],
    ['no code and no terminal', ['assume', 'main-account', 'DeveloperAccess'], 2, /--token-code/],
  ])('%s', async (_name, args, code, message) => {
    const before = snapshot();
    const out = await ws.awst(args);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stdout).toBe('');
    expect(out.code).toBe(code);
    expect(snapshot()).toEqual(before);
  });

  it('a malformed config names file and line', async () => {
    writeAwstConfig(ws, `${AWSTOOLS_CONFIG}\nreuseCredentialsIfValidForMinutes = = 3\n`);
    const before = snapshot();
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${ws.awstConfigFile}:12:`);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot()).toEqual(before);
  });

  it('an unreachable endpoint', async () => {
    const before = snapshot();
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Could not reach AWS at http:\/\/127\.0\.0\.1:9/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot()).toEqual(before);
  });
});
