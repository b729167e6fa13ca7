import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '@awst/testkit';
import { beforeEach, describe, expect, it } from 'vitest';

// A config awstools read without complaint: its TOML library ignored case and "_" in key names.
const AWSTOOLS_SPELLED = `default_region = "eu-central-1"

[Profiles]
main_account = "main-account"
Main_Account_Mfa_Session = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
`;

let ws: Workspace;
let awstools: string;
beforeEach(() => {
  ws = createWorkspace('http://127.0.0.1:9');
  mkdirSync(join(ws.home, '.config', 'awstools'), { recursive: true });
  awstools = join(ws.home, '.config', 'awstools', 'config.toml');
  writeFileSync(awstools, AWSTOOLS_SPELLED);
});

describe("config.toml in awstools' spellings", () => {
  it('is read, with a note naming each canonical key, shown once', async () => {
    const first = await ws.awst(['accounts']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^main-account +123456789012 +eu-central-1\n$/);
    expect(first.stderr).toBe(
      [
        `awst: warning: ${awstools}:1: "default_region" is read as defaultRegion (awstools ignored case and "_" in key names); write defaultRegion to silence this note.`,
        `awst: warning: ${awstools}:3: "Profiles" is read as profiles (awstools ignored case and "_" in key names); write profiles to silence this note.`,
        `awst: warning: ${awstools}:4: "main_account" is read as mainAccount (awstools ignored case and "_" in key names); write mainAccount to silence this note.`,
        `awst: warning: ${awstools}:5: "Main_Account_Mfa_Session" is read as mainAccountMfaSession (awstools ignored case and "_" in key names); write mainAccountMfaSession to silence this note.`,
        '',
      ].join('\n'),
    );
    const second = await ws.awst(['accounts']);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('awst init --import-awstools writes the canonical names and says so', async () => {
    const result = await ws.awst(['init', '--import-awstools']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Renamed default_region to defaultRegion (awstools' spelling).\n");
    expect(result.stderr).toContain(
      "Renamed main_account to mainAccount in [profiles] (awstools' spelling).\n",
    );
    const expected = `defaultRegion = "eu-central-1"

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
`;
    expect(readFileSync(ws.awstConfigFile, 'utf8')).toBe(expected);
    expect(readFileSync(awstools, 'utf8')).toBe(AWSTOOLS_SPELLED);
    const accounts = await ws.awst(['accounts']);
    expect(accounts.stderr).toBe('');
    expect(accounts.stdout).toMatch(/eu-central-1/);
  });

  it('any other unknown key is refused with the closest known key', async () => {
    writeFileSync(awstools, AWSTOOLS_SPELLED.replace('default_region', 'default_regoin'));
    const result = await ws.awst(['accounts']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^awst: ${awstools}:1: unknown key "default_regoin" in the top level; did you mean defaultRegion\\? Known keys: `,
      ),
    );
  });
});
