import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { budget, type Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';
import { OTHER_PROFILES } from './support/other-profiles.js';

const OTHER_CONFIG = `# my settings
[default]
region = eu-central-1

[profile dev]
credential_process = awst credential-process main-account DeveloperAccess
region = eu-west-1
`;

let ws: Workspace;
useEmulatedAccount({ extraCredentials: OTHER_PROFILES, each: (account) => ({ ws } = account) });

const DEV = 'main-account DeveloperAccess';
const ADMIN = 'main-account AdminAccess';
const TYPO = 'main-account DeveloperAcess';

/** Signs in to both roles, and adds the profile a typo once made (a copy of DeveloperAccess's, as awst writes it). */
async function dayOfWork(): Promise<{ credentials: string; config: string }> {
  writeFileSync(ws.configFile, OTHER_CONFIG, { mode: 0o600 });
  const before = { credentials: readFileSync(ws.credentialsFile, 'utf8'), config: OTHER_CONFIG };
  for (const role of ['DeveloperAccess', 'AdminAccess']) {
    const out = await ws.awst(['assume', 'main-account', role, '-t', '123456']);
    expect(out.stderr + out.code).toMatch(/assumed.*0$/s);
  }
  const text = readFileSync(ws.credentialsFile, 'utf8');
  const section = /\[main-account DeveloperAccess\]\n(?:[^[\n][^\n]*\n)+/.exec(text)![0];
  writeFileSync(ws.credentialsFile, `${text}\n${section.replace(DEV, TYPO)}`);
  const config = readFileSync(ws.configFile, 'utf8');
  writeFileSync(
    ws.configFile,
    `${config}\n[profile '${TYPO}']\nregion = eu-west-1\n\n[profile ${TYPO}]\nregion = eu-west-1\n`,
  );
  expect(ws.callerArn(DEV)).toMatch(/assumed-role\/DeveloperAccess\/alice$/);
  expect(ws.callerArn(TYPO)).toMatch(/assumed-role\/DeveloperAccess\/alice$/);
  return before;
}

const identityFails = (profile: string) => {
  const out = ws.aws(['sts', 'get-caller-identity', '--profile', profile]);
  expect(out.code).not.toBe(0);
  return out.stderr;
};

// The first test runs awst seven times and the AWS CLI a few more: a budget from that work, not a flat 60 s.
describe('awst logout with the AWS CLI on the emulator', { timeout: budget({ processes: 12 }) }, () => {
  it('removes the role sessions and the MFA session; the key, other profiles and comments stay byte for byte', async () => {
    const before = await dayOfWork();
    const out = await ws.awst(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      [
        `Removed 2 role sessions: [${DEV}], [${ADMIN}].`,
        'Removed the MFA session [main-account-mfa-session]: the next assume asks for an MFA code.',
        `Left 1 role session awst wrote for roles or accounts config.toml does not name: [${TYPO}]; awst logout --all removes it too.`,
        'Kept your access key [main-account] and every profile awst did not write.',
        '',
      ].join('\n'),
    );
    expect(identityFails(DEV)).toMatch(/could not be found/);
    expect(identityFails(ADMIN)).toMatch(/could not be found/);
    expect(ws.callerArn('main-account', { AWS_DEFAULT_REGION: 'eu-west-1' })).toBe(
      'arn:aws:iam::123456789012:user/alice',
    );
    // The MFA session is gone too: without a code and a terminal, a new assume cannot proceed.
    const again = await ws.awst(['assume', 'main-account', 'DeveloperAccess']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--token-code/);

    const status = await ws.awst(['status', '--offline']);
    expect(status.stdout).toContain(`Role profiles:\n  ${TYPO}  valid until `);
    expect(status.stdout).toContain(
      `\n  ([${TYPO}] is for a role or account config.toml does not name; awst logout --all removes it.)\n`,
    );

    const all = await ws.awst(['logout', '--all']);
    expect(all.code).toBe(0);
    expect(all.stderr).toMatch(new RegExp(`^Removed 1 role session: \\[${TYPO}\\]\\.\n`));
    expect(identityFails(TYPO)).toMatch(/could not be found/);
    expect((await ws.awst(['status', '--offline'])).stdout).toContain('Role profiles: none yet');

    // What the user had before awst wrote anything, byte for byte; at most the blank line awst put before its
    // first section stays (it cannot tell it from one of the user's).
    const credentials = readFileSync(ws.credentialsFile, 'utf8');
    expect(credentials.startsWith(before.credentials)).toBe(true);
    expect(credentials.slice(before.credentials.length)).toMatch(/^\n?$/);
    const config = readFileSync(ws.configFile, 'utf8');
    expect(config.startsWith(before.config)).toBe(true);
    expect(config.slice(before.config.length)).toMatch(/^\n?$/);
    expect(statSync(ws.credentialsFile).mode & 0o777).toBe(0o600);
    expect(statSync(ws.configFile).mode & 0o777).toBe(0o600);
  });

  it('one role: only that profile goes; the other role keeps working', async () => {
    await dayOfWork();
    const out = await ws.awst(['logout', 'main', 'DeveloperAccess']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^Removed 1 role session: \[main-account DeveloperAccess\]\.\n/);
    expect(out.stderr).toMatch(/Kept the MFA session \[main-account-mfa-session\]/);
    expect(identityFails(DEV)).toMatch(/could not be found/);
    expect(ws.callerArn(ADMIN)).toMatch(/assumed-role\/AdminAccess\/alice$/);
    expect(ws.callerArn(TYPO)).toMatch(/assumed-role\/DeveloperAccess\/alice$/);
    // The MFA session stayed: the next assume needs no code.
    const again = await ws.awst(['assume', 'main-account', 'DeveloperAccess']);
    expect(again.code).toBe(0);
  });

  it('an unknown account is refused, both files byte-identical (a failed write: test/sessions/logout.test.ts)', async () => {
    await dayOfWork();
    const before = [readFileSync(ws.credentialsFile), readFileSync(ws.configFile)];
    const out = await ws.awst(['logout', 'nope']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/No account matches "nope"/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect([readFileSync(ws.credentialsFile), readFileSync(ws.configFile)]).toEqual(before);
  });
});
