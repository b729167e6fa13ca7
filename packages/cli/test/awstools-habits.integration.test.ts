import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  budget,
  createRole,
  createUserWithMfa,
  type Moto,
  userWorkspace,
  type Workspace,
  withAwstOnPath,
  writeAwstConfig,
} from '@awst/testkit';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

const README = resolve(import.meta.dirname, '../../../README.md');
const arn = (role: string, user = 'alice') => `arn:aws:sts::123456789012:assumed-role/${role}/${user}`;

/** The awst column of the README's cheat sheet, one shell line per row. */
function cheatSheet(): string[] {
  const text = readFileSync(README, 'utf8');
  const table = text.slice(
    text.indexOf('<!-- cheat-sheet:start -->'),
    text.indexOf('<!-- cheat-sheet:end -->'),
  );
  return table
    .split('\n')
    .filter((row) => row.startsWith('| `'))
    .map((row) => [...row.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).pop()!);
}

/** awstools' documented aws_assume function, as the README shows it with awst in place of awstools. */
function awsAssumeFunction(): string {
  const text = readFileSync(README, 'utf8');
  const block = text.slice(
    text.indexOf('<!-- aws-assume:start -->'),
    text.indexOf('<!-- aws-assume:end -->'),
  );
  return /```sh\n([\s\S]*?)```/.exec(block)![1]!;
}

let moto: Moto;
let ws: Workspace;
let env: NodeJS.ProcessEnv;

const account = useEmulatedAccount({
  each: (current) => {
    ({ moto, ws } = current);
    env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1', SHELL: '/bin/bash' };
  },
});
beforeAll(() => createRole(account.moto.endpoint, 'ReadOnlyAccess'));

function bash(script: string, input = '123456\n') {
  const out = spawnSync('bash', ['-c', script], {
    env,
    cwd: ws.home,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
const snapshot = () => [read(ws.credentialsFile), read(ws.configFile)];

describe('the README cheat sheet, awstools → awst', () => {
  /** What each line must have done, checked in the same shell right after it. */
  const CHECKS: Record<string, { after?: string; expect: RegExp }> = {
    'awst assume main-account DeveloperAccess': {
      after: `aws sts get-caller-identity --profile "main-account DeveloperAccess" --query Arn --output text`,
      expect: new RegExp(`${arn('DeveloperAccess', 'carol')}\\n$`),
    },
    'eval "$(awst assume main-account DeveloperAccess)"': {
      after: `echo "profile=$AWS_PROFILE"; aws sts get-caller-identity --query Arn --output text`,
      expect: new RegExp(`^profile=main-account DeveloperAccess\\n${arn('DeveloperAccess', 'carol')}\\n$`),
    },
    'awst assume main-account r': {
      after: `aws sts get-caller-identity --profile "main-account ReadOnlyAccess" --query Arn --output text`,
      expect: new RegExp(`${arn('ReadOnlyAccess', 'carol')}\\n$`),
    },
    'aws_assume main-account DeveloperAccess': {
      after: `echo "profile=$AWS_PROFILE"; aws sts get-caller-identity --query Arn --output text`,
      expect: new RegExp(`^profile=main-account DeveloperAccess\\n${arn('DeveloperAccess', 'carol')}\\n$`),
    },
    'awst assume --reuse-credentials 30 main-account AdminAccess': {
      after: `aws sts get-caller-identity --profile "main-account AdminAccess" --query Arn --output text`,
      expect: new RegExp(`${arn('AdminAccess', 'carol')}\\n$`),
    },
    'awst -c other.toml accounts': { expect: /^elsewhere {2}210987654321 {2}eu-west-1\n$/ },
    'awst -v': { expect: /^\d+\.\d+\.\d+\n$/ },
    'awst rotate-keys': { expect: /^Rotated the access key of carol: \S+ → \S+ in/ },
  };

  // Per README line: its shell, the line's awst or aws, the check after it; before them, four aws calls.
  const work = { processes: 4 + 3 * cheatSheet().length };
  it('every awst line works, in order, on the emulator', { timeout: budget(work) }, async () => {
    // Its own user, as the rotate-keys line replaces the user's key.
    const carol = await createUserWithMfa(moto.endpoint, 'carol');
    ws = userWorkspace(moto.endpoint, carol);
    env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1', SHELL: '/bin/bash' };
    // What the AWS lines look at: a tagged instance, a log group, and a KMS-encrypted file.
    const admin = { ...env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    const setup = spawnSync(
      'bash',
      [
        '-c',
        `set -e
        aws ec2 run-instances --image-id ami-12c6146b --count 1 --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web-1}]' >/dev/null
        aws logs create-log-group --log-group-name app
        key=$(aws kms create-key --query KeyMetadata.KeyId --output text)
        aws kms encrypt --key-id "$key" --plaintext fileb://<(printf hello) --query CiphertextBlob --output text | base64 -d > secret.bin`,
      ],
      { env: admin, cwd: ws.home, encoding: 'utf8' },
    );
    expect(setup.stderr).toBe('');
    writeFileSync(join(ws.home, 'other.toml'), '[accounts]\nelsewhere = "210987654321"\n');
    const keyBefore = /aws_access_key_id = (\S+)/.exec(readFileSync(ws.credentialsFile, 'utf8'))![1];
    const prelude = awsAssumeFunction().replace('/tmp/assume.tmp', '"$HOME/assume.tmp"');

    const lines = cheatSheet();
    expect(lines.length).toBeGreaterThanOrEqual(14);
    for (const key of Object.keys(CHECKS)) expect(lines).toContain(key);
    for (const line of lines) {
      const check = CHECKS[line];
      const out = bash(`${prelude}\n${line} || exit $?\n${check?.after ?? ''}`);
      expect({ line, code: out.code, stderr: out.stderr }).toMatchObject({ line, code: 0 });
      if (check)
        expect({ line, stdout: out.stdout }).toEqual({ line, stdout: expect.stringMatching(check.expect) });
      if (line.includes('kms decrypt'))
        expect(Buffer.from(JSON.parse(out.stdout), 'base64').toString()).toBe('hello');
      if (line.includes('ec2 describe-instances')) expect(out.stdout).toContain('web-1');
      expect(out.stdout + out.stderr).not.toContain(carol.secretAccessKey);
    }
    const keyAfter = /aws_access_key_id = (\S+)/.exec(readFileSync(ws.credentialsFile, 'utf8'))![1];
    expect(keyAfter).not.toBe(keyBefore);
  });

  it("awstools' own aws_assume writes its file with mode 0600 and sets no keys", () => {
    const out = bash(
      `${awsAssumeFunction()
        .replace(/\s*rm \$tmpFile/, '')
        .replace('/tmp/assume.tmp', '"$HOME/assume.tmp"')}
      aws_assume main-account DeveloperAccess && stat -c %a "$HOME/assume.tmp" && cat "$HOME/assume.tmp"`,
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^600\n/);
    expect(out.stdout).toContain("export AWS_PROFILE='main-account DeveloperAccess'");
    expect(out.stdout).not.toMatch(/export AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=/);
  });
});

describe('awstools habits', () => {
  it('eval "$(awst assume …)" sets AWS_PROFILE; on a terminal nothing is printed (see the terminal test)', () => {
    const out = bash('eval "$(awst assume main-account DeveloperAccess)"; echo "profile=$AWS_PROFILE"');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('profile=main-account DeveloperAccess\n');
  });

  it('the shortcut w means PowerUserAccess, with a warning when config.toml does not know that role', async () => {
    const out = await ws.awst(['assume', 'main-account', 'w', '-t', '123456']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(
      'awst: warning: role "PowerUserAccess" (shortcut "w") is not in config.toml, which knows AdminAccess, DeveloperAccess.',
    );
    expect(readFileSync(ws.credentialsFile, 'utf8')).toContain('[main-account PowerUserAccess]');
  });

  it('[roles.X] shortcut defines more, and a configured role gets no warning', async () => {
    writeAwstConfig(ws, `${AWSTOOLS_CONFIG}\n[roles.DeveloperAccess]\nshortcut = "d"\n`);
    const out = await ws.awst(['assume', 'main-account', 'd', '-t', '123456']);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('warning');
    expect(out.stderr).toContain('profile "main-account DeveloperAccess"');
  });

  it('a typo in a role name is named, with the roles config.toml knows, before AWS refuses it', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DevelopperAccess', '-t', '123456']);
    expect(out.stderr).toContain(
      'role "DevelopperAccess" is not in config.toml, which knows AdminAccess, DeveloperAccess',
    );
  });

  it('--export FILE with an account and role still there: the pair is not taken for a file', async () => {
    const out = await ws.awst(['assume', '--export', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("export AWS_PROFILE='main-account DeveloperAccess'");
  });

  it('deprecated keys are noted once, again after the file changes, never for completion', async () => {
    writeAwstConfig(ws, `defaultKmsKey = "alias/x"\n${AWSTOOLS_CONFIG}`);
    const names = await ws.awst(['accounts', '--names']);
    expect(names).toMatchObject({ code: 0, stderr: '', stdout: 'main-account\n' });
    const first = await ws.awst(['accounts']);
    expect(first.stderr).toContain('defaultKmsKey is deprecated');
    const second = await ws.awst(['accounts']);
    expect(second.stderr).toBe('');
    writeAwstConfig(ws, `# edited\ndefaultKmsKey = "alias/x"\n${AWSTOOLS_CONFIG}`);
    const edited = await ws.awst(['accounts']);
    expect(edited.stderr).toContain(`${ws.awstConfigFile}:2: defaultKmsKey is deprecated`);
    expect(statSync(join(ws.home, '.cache', 'awst', 'config-warnings')).mode & 0o777).toBe(0o600);
  });
});

describe('refused, with what to do instead, before any AWS call', () => {
  it.each([
    [
      'everything after -- outside run',
      ['assume', 'main-account', 'DeveloperAccess', '--', 'x'],
      /awst assume takes nothing after --; only awst run starts a command: awst run <account> <role> -- x/,
    ],
    [
      'a command without --',
      ['run', 'main-account', 'AdminAccess', 'terraform', 'apply'],
      /Put -- before the command.*: awst run main-account AdminAccess -- terraform apply/,
    ],
    [
      '--export with --export-credentials',
      ['assume', 'main-account', 'DeveloperAccess', '--export', '--export-credentials'],
      /use one of them/,
    ],
    [
      "awstools' --export-token",
      ['assume', 'main-account', 'DeveloperAccess', '--export-token'],
      /use --export-credentials/,
    ],
    [
      "awstools' ec2 command",
      ['ec2', 'web'],
      /"ec2" command is not part of awst.*awst run <account> <role> -- aws ec2 describe-instances/,
    ],
    [
      'help for a command that does not exist',
      ['help', 'nonsense'],
      /There is no command "nonsense". Commands: assume, /,
    ],
    [
      '--export for a shell awst cannot write for',
      ['assume', 'main-account', 'DeveloperAccess', '--export'],
      /\$SHELL is tcsh, .*--shell/,
    ],
  ])('%s', async (_name, args, message) => {
    const before = snapshot();
    await moto.startRecording();
    const out = await ws.awst(args, { env: { SHELL: '/usr/bin/tcsh' } });
    expect(await moto.stopRecording()).toEqual([]);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(snapshot()).toEqual(before);
  });

  it('without --export, a tcsh user gets the profile and a note instead of lines for another shell', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: { SHELL: '/usr/bin/tcsh' },
    });
    expect(out).toMatchObject({ code: 0, stdout: '' });
    expect(out.stderr).toContain('not printing shell lines for eval: $SHELL is tcsh');
  });
});

describe('a newcomer without a config', () => {
  beforeEach(() => {
    writeFileSync(ws.awstConfigFile, '');
    spawnSync('rm', [ws.awstConfigFile]);
  });

  it('awst accounts says there is no config.toml and what to run', async () => {
    const out = await ws.awst(['accounts']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `awst: No config.toml found (looked for ${ws.awstConfigFile} and awstools' ~/.config/awstools/config.toml). Run awst init to write one, or give --config <path>.\n`,
    );
    expect(await ws.awst(['accounts', '--names'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('awst status names the config file it uses', async () => {
    expect((await ws.awst(['status', '--offline'])).stdout).toMatch(
      /^Config: none found, using the defaults/,
    );
    mkdirSync(join(ws.home, '.config', 'awst'), { recursive: true });
    writeAwstConfig(ws, AWSTOOLS_CONFIG);
    expect((await ws.awst(['status', '--offline'])).stdout).toMatch(
      new RegExp(`^Config: ${ws.awstConfigFile}\n`),
    );
  });
});

describe('examples/credential-process on Node 20, as its README says', () => {
  const whoami = resolve(import.meta.dirname, '../../../examples/credential-process/whoami.mjs');
  const nodeMajor = Number(process.versions.node.split('.')[0]);

  it.skipIf(nodeMajor >= 22)(
    "the SDK's Node-version notice appears, and the README's variable silences it",
    () => {
      const run = (extra: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, [whoami], {
          env: {
            ...ws.env,
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_REGION: 'eu-west-1',
            ...extra,
          },
          encoding: 'utf8',
        });
      const readme = readFileSync(resolve(whoami, '../README.md'), 'utf8');
      expect(readme).toContain('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true');
      expect(run({}).stderr).toContain('NodeVersionSupportWarning');
      const quiet = run({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
      expect(quiet).toMatchObject({ status: 0, stderr: '' });
    },
  );
});
