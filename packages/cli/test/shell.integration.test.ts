import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { budget, shellAvailable, type TestUser, type Workspace, withAwstOnPath } from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples/shell');
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';

let user: TestUser;
let ws: Workspace;
let env: NodeJS.ProcessEnv;
let accountMadeAt: number;

beforeAll(() => {
  accountMadeAt = Date.now();
});
useEmulatedAccount({
  each: (account) => {
    ({ user, ws } = account);
    env = { ...withAwstOnPath(ws), AWS_DEFAULT_REGION: 'eu-west-1' };
  },
});

// The longest script here: two awst runs, three AWS CLI calls and the shell's own tools.
const SCRIPT = budget({ processes: 8 });

function shell(program: string, script: string) {
  const out = spawnSync(program, ['-c', script], { env, encoding: 'utf8', timeout: SCRIPT });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const checkRole = 'aws sts get-caller-identity --query Arn --output text';

describe('the functions of awst shell-init', { timeout: SCRIPT }, () => {
  it.for(['bash', 'zsh'])(
    'aws_assume in %s sets the profile for the AWS CLI, aws_unassume clears it',
    (sh, { skip }) => {
      skip(!shellAvailable(sh), `${sh} is not installed`);
      const out = shell(
        sh,
        `eval "$(awst shell-init ${sh})"
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

  it.each(['bash', 'zsh'].filter(shellAvailable))(
    'in %s, both exports replace what a shell held before, and aws_unassume undoes every variable they set',
    (sh) => {
      const stale = [
        'AWS_PROFILE=other AWS_DEFAULT_PROFILE=other AWS_ACCESS_KEY_ID=AKIAOTHER AWS_SECRET_ACCESS_KEY=x',
        'AWS_SESSION_TOKEN=stale AWS_SECURITY_TOKEN=stale AWS_REGION=us-west-2 AWS_DEFAULT_REGION=ap-south-1',
      ].join(' ');
      const show =
        'env | grep -E "^AWS_(PROFILE|DEFAULT_PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|CREDENTIAL_EXPIRATION|REGION|DEFAULT_REGION)=" | cut -d= -f1 | sort | tr "\\n" " "; echo';
      // botocore signs with AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN: which token went out? (The first
      // check, before awst, shows that the grep sees a stale token when one is sent.)
      const signedWith =
        'aws --debug sts get-caller-identity 2>&1 | grep -qi "x-amz-security-token:stale" && echo "signed with the stale token" || echo "signed with its own token"';
      const out = shell(
        sh,
        `eval "$(awst shell-init ${sh})"
export ${stale}
aws_assume main-account DeveloperAccess -t 123456 || exit 9
echo "export: $AWS_PROFILE $AWS_REGION $AWS_DEFAULT_REGION"; ${show}
aws_unassume; ${show}
export ${stale}
env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE ${signedWith}
aws_assume_keys main-account DeveloperAccess -t 123456 || exit 9
echo "keys: \${AWS_ACCESS_KEY_ID:0:4} $AWS_REGION $AWS_DEFAULT_REGION"; ${show}
${signedWith}
aws_unassume; ${show}`,
      );
      expect(out.stdout).toBe(
        [
          'export: main-account DeveloperAccess eu-west-1 eu-west-1',
          'AWS_DEFAULT_REGION AWS_PROFILE AWS_REGION ',
          '',
          'signed with the stale token',
          'keys: ASIA eu-west-1 eu-west-1',
          'AWS_ACCESS_KEY_ID AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_REGION AWS_REGION AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN ',
          'signed with its own token',
          '',
          '',
        ].join('\n'),
      );
    },
  );

  it.skipIf(!shellAvailable('fish'))('in fish, aws_unassume undoes every variable both exports set', () => {
    const names =
      'AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION';
    const left = `for v in ${names}; set -q $v; and echo -n "$v "; end; echo`;
    const out = shell(
      'fish',
      `awst shell-init fish | source
set -gx AWS_DEFAULT_PROFILE other; set -gx AWS_SECURITY_TOKEN stale
aws_assume main-account DeveloperAccess -t 123456; or exit 9
${left}; aws_unassume; ${left}
aws_assume_keys main-account DeveloperAccess -t 123456; or exit 9
${left}; aws_unassume; ${left}`,
    );
    expect(out.stdout).toBe(
      [
        'AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION ',
        '',
        'AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('aws_assume in bash returns the failure and leaves the shell alone', () => {
    const out = shell(
      'bash',
      `eval "$(awst shell-init bash)"; aws_assume nope DeveloperAccess; echo "code=$? profile=\${AWS_PROFILE-unset}"`,
    );
    expect(out.stdout).toBe('code=2 profile=unset\n');
    expect(out.stderr).toContain('No account matches "nope"');
  });

  it('aws_assume_keys in bash exports the keys themselves', () => {
    const out = shell(
      'bash',
      `eval "$(awst shell-init bash)"; aws_assume_keys main-account DeveloperAccess -t 123456 && ${checkRole}`,
    );
    expect(out.stdout.trim()).toBe(ROLE_ARN);
  });

  it.skipIf(!shellAvailable('fish'))('aws_assume in fish', () => {
    const out = shell(
      'fish',
      `awst shell-init fish | source; and aws_assume main-account DeveloperAccess -t 123456; and ${checkRole}; and aws_unassume; and set -q AWS_PROFILE; or echo unset`,
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
    // "valid until 14:05 (59m)", or with the date in front when the expiry falls on another day.
    const left = /Role profiles:\n {2}main-account DeveloperAccess {2}valid until [\d: -]+ \((\d+)m\)/.exec(
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
  let server: HttpsServer;
  let requests: { method?: string; url?: string; session: Record<string, string> }[];
  let endpoint: string;
  let tls: string;

  beforeAll(async () => {
    requests = [];
    // A test federation endpoint on https, with a certificate made here and trusted through Node's
    // NODE_EXTRA_CA_CERTS: awst accepts no http endpoint.
    tls = mkdtempSync(join(tmpdir(), 'awst-tls-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(tls, 'key.pem'),
        '-out',
        join(tls, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(made.stderr);
    server = createHttpsServer(
      { key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) },
      (req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          requests.push({
            method: req.method,
            url: req.url,
            session: JSON.parse(new URLSearchParams(body).get('Session') ?? '{}'),
          });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ SigninToken: 'token-123' }));
        });
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/federation`;
  });
  afterAll(() => {
    server?.close();
    if (tls) rmSync(tls, { recursive: true, force: true });
  });

  // AdminAccess: its hour is not shortened by session mode, so awst has nothing to say on stderr.
  it('prints a sign-in URL for the role session; the keys went in a POST body', async () => {
    const out = await ws.awst(['console', 'main-account', 'AdminAccess', '-t', '123456'], {
      env: { AWST_FEDERATION_ENDPOINT: endpoint, NODE_EXTRA_CA_CERTS: join(tls, 'cert.pem') },
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const url = new URL(out.stdout.trim());
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('SigninToken')).toBe('token-123');
    expect(url.searchParams.get('Destination')).toContain('region=eu-west-1');
    const roleKey = /\[main-account AdminAccess\]\naws_access_key_id = (\S+)/.exec(
      readFileSync(ws.credentialsFile, 'utf8'),
    )?.[1];
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: '/federation' });
    expect(requests.at(-1)?.session.sessionId).toBe(roleKey);
  });

  it('refuses an http endpoint, and a failed request says so without a secret', async () => {
    const http = await ws.awst(['console', 'main-account', 'AdminAccess', '-t', '123456'], {
      env: { AWST_FEDERATION_ENDPOINT: endpoint.replace('https:', 'http:') },
    });
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/^awst: AWST_FEDERATION_ENDPOINT must be a plain https:\/\/ URL/);
    // Without the test certificate trusted, the TLS handshake fails.
    const dead = await ws.awst(['console', 'main-account', 'AdminAccess', '-t', '123456'], {
      env: { AWST_FEDERATION_ENDPOINT: endpoint },
    });
    expect(dead.code).toBe(1);
    expect(dead.stderr).toBe(
      `awst: Could not get a console sign-in token from ${endpoint} (no answer). Check your network connection.\n`,
    );
  });
});
