import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  type Moto,
  shellAvailable,
  startEmulatedAccount,
  type TestUser,
  userWorkspace,
  type Workspace,
  withAwstOnPath,
} from '@awst/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples/shell');
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
let env: NodeJS.ProcessEnv;
let accountMadeAt: number;

beforeAll(async () => {
  accountMadeAt = Date.now();
  ({ moto, user } = await startEmulatedAccount());
});
afterAll(() => moto?.stop());

beforeEach(() => {
  ws = userWorkspace(moto.endpoint, user);
  env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1' };
});

function shell(program: string, script: string) {
  const out = spawnSync(program, ['-c', script], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const checkRole = 'aws sts get-caller-identity --query Arn --output text';

describe('examples/shell functions', () => {
  it.for(['bash', 'zsh'])(
    'aws_assume in %s sets the profile for the AWS CLI, aws_unassume clears it',
    (sh, { skip }) => {
      skip(!shellAvailable(sh), `${sh} is not installed`);
      const out = shell(
        sh,
        `source "${EXAMPLES}/awst.sh"
aws_assume main-account DeveloperAccess -t 123456 || exit 9
echo "profile=$AWS_PROFILE"
${checkRole}
aws_unassume
echo "after=\${AWS_PROFILE-unset}"`,
      );
      expect(out.stderr).toContain('DeveloperAccess in main-account');
      expect(out.stdout).toBe(`profile=main-account DeveloperAccess\n${ROLE_ARN}\nafter=unset\n`);
    },
  );

  it('aws_assume in bash returns the failure and leaves the shell alone', () => {
    const out = shell(
      'bash',
      `source "${EXAMPLES}/awst.sh"; aws_assume nope DeveloperAccess; echo "code=$? profile=\${AWS_PROFILE-unset}"`,
    );
    expect(out.stdout).toBe('code=2 profile=unset\n');
    expect(out.stderr).toContain('No account matches "nope"');
  });

  it('aws_assume_keys in bash exports the keys themselves', () => {
    const out = shell(
      'bash',
      `source "${EXAMPLES}/awst.sh"; aws_assume_keys main-account DeveloperAccess -t 123456 && ${checkRole}`,
    );
    expect(out.stdout.trim()).toBe(ROLE_ARN);
  });

  it.skipIf(!shellAvailable('fish'))('aws_assume in fish', () => {
    const out = shell(
      'fish',
      `source "${EXAMPLES}/awst.fish"; and aws_assume main-account DeveloperAccess -t 123456; and ${checkRole}; and aws_unassume; and set -q AWS_PROFILE; or echo unset`,
    );
    expect(out.stdout).toBe(`${ROLE_ARN}\nunset\n`);
  });
});

describe('completion', () => {
  it.each([
    ['bash', 'awst.bash'],
    ['zsh', '_awst'],
    ['fish', 'awst.fish'],
  ])('examples/shell/completions match `awst completion %s`', async (sh, file) => {
    const out = await ws.awst(['completion', sh]);
    expect(out.code).toBe(0);
    expect(readFileSync(resolve(EXAMPLES, 'completions', file), 'utf8')).toBe(out.stdout);
  });

  it('bash completes commands, account names and roles', () => {
    const complete = (words: string) =>
      shell(
        'bash',
        `source "${EXAMPLES}/completions/awst.bash"; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _awst; echo "\${COMPREPLY[*]}"`,
      ).stdout.trim();
    expect(complete('awst ass')).toBe('assume');
    expect(complete('awst assume ma')).toBe('main-account');
    expect(complete('awst run main-account Dev')).toBe('DeveloperAccess');
  });

  it.skipIf(!shellAvailable('fish'))('fish completes account names', () => {
    const out = shell('fish', `source "${EXAMPLES}/completions/awst.fish"; complete -C 'awst assume ma'`);
    expect(out.stdout.trim()).toBe('main-account');
  });

  it.skipIf(!shellAvailable('zsh'))('zsh loads the completion script', () => {
    const out = shell(
      'zsh',
      `autoload -U compinit && compinit -u -d "$HOME/.zcompdump"; source "${EXAMPLES}/completions/_awst" && whence -w _awst`,
    );
    expect(out.stdout).toContain('_awst: function');
  });
});

describe('awst status', () => {
  it('shows role profiles, the MFA session and the key age from IAM, and no secret', async () => {
    const assumedAt = Date.now();
    await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    const out = await ws.awst(['status']);
    expect(out.code).toBe(0);
    // Whole minutes shown are floored; a slow machine may take minutes between the steps.
    const minutesSince = (start: number) => Math.floor((Date.now() - start) / 60_000);
    const left = /Role profiles:\n {2}main-account DeveloperAccess {2}valid until \S+ \((\d+)m\)/.exec(
      out.stdout,
    );
    expect(Number(left?.[1]), out.stdout).toBeLessThanOrEqual(59);
    expect(Number(left?.[1])).toBeGreaterThanOrEqual(58 - minutesSince(assumedAt));
    const session =
      /MFA session \[main-account-mfa-session\]: valid until .*; code entered (\d+)m ago \(alice, arn:aws:iam::123456789012:mfa\/alice-phone\)/.exec(
        out.stdout,
      );
    expect(Number(session?.[1]), out.stdout).toBeLessThanOrEqual(minutesSince(assumedAt));
    const key = new RegExp(
      `Access key ${user.accessKeyId} \\[main-account\\]: (\\d+)m old, Active; automatic rotation is off`,
    ).exec(out.stdout);
    expect(Number(key?.[1]), out.stdout).toBeLessThanOrEqual(minutesSince(accountMadeAt));
    const credentials = readFileSync(ws.credentialsFile, 'utf8');
    for (const secret of credentials.matchAll(/(?:aws_secret_access_key|aws_session_token) = (.+)/g)) {
      expect(out.stdout + out.stderr).not.toContain(secret[1]);
    }
  });

  it('says what to do when nothing is cached yet', async () => {
    const out = await ws.awst(['status', '--offline']);
    expect(out.stdout).toContain('Role profiles: none yet (run awst assume <account> <role>).');
    expect(out.stdout).toContain('none valid; the next assume asks for a code');
  });
});

describe('awst console', () => {
  let server: Server;
  let sessions: Record<string, string>[];
  let endpoint: string;

  beforeAll(async () => {
    sessions = [];
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      sessions.push(JSON.parse(url.searchParams.get('Session') ?? '{}'));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ SigninToken: 'token-123' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/federation`;
  });
  afterAll(() => server?.close());

  it('prints a sign-in URL for the role session from the federation endpoint', async () => {
    const out = await ws.awst(['console', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: { AWST_FEDERATION_ENDPOINT: endpoint },
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const url = new URL(out.stdout.trim());
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('SigninToken')).toBe('token-123');
    expect(url.searchParams.get('Destination')).toContain('region=eu-west-1');
    const roleKey = /\[main-account DeveloperAccess\]\naws_access_key_id = (\S+)/.exec(
      readFileSync(ws.credentialsFile, 'utf8'),
    )?.[1];
    expect(sessions.at(-1)?.sessionId).toBe(roleKey);
  });
});
