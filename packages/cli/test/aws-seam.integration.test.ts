import { readFileSync, writeFileSync } from 'node:fs';
import { EMULATOR_ADMIN_ENV, type Moto, type TestUser, type Workspace, writeMainKey } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useFreshUserPerTest } from './support/emulated-account.js';
import { HOSTILE_ENV, hostileProfileSettings } from './support/hostile-machine.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useFreshUserPerTest({
  roles: { DeveloperAccess: 3600 },
  userPrefix: 'seam',
  each: (account) => ({ moto, user, ws } = account),
});

const ADMIN = EMULATOR_ADMIN_ENV;

describe('9.5 awst calls AWS with the main key and the configured region only', () => {
  it('9.5 assume works when [default] and the AWS_PROFILE profile point at a dead endpoint with FIPS on', async () => {
    const hostile = (name: string) => `[${name}]\n${hostileProfileSettings('http://127.0.0.1:1')}`;
    writeFileSync(ws.configFile, `${hostile('default')}\n${hostile('profile work')}`);
    writeMainKey(
      ws,
      user,
      '[default]\naws_access_key_id = AKIAOTHERUSEREXAMPLE\naws_secret_access_key = other\n\n[work]\naws_access_key_id = AKIAOTHERUSEREXAMPLE\naws_secret_access_key = other\n\n',
    );
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: {
        ...HOSTILE_ENV,
        AWS_ACCESS_KEY_ID: 'AKIAOTHERUSEREXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'other',
      },
    });
    expect(out.stderr).toMatch(/assumed/i);
    expect(out.code).toBe(0);
    // The AWS CLI, with nothing but the written profile, acts as the role.
    const who = ws.aws([
      'sts',
      'get-caller-identity',
      '--profile',
      'main-account DeveloperAccess',
      '--output',
      'json',
    ]);
    expect(who.stderr).toBe('');
    expect(JSON.parse(who.stdout).Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/DeveloperAccess/${user.userName}`,
    );
  });
});

describe('13 a wrong, deleted or inactive main key', () => {
  /** moto checks keys (and policies) only once told to; the setup above ran without. */
  async function enforceAuth(on: boolean) {
    const res = await fetch(`${moto.endpoint}/moto-api/reset-auth`, {
      method: 'POST',
      body: on ? '0' : 'inf',
    });
    expect(res.ok).toBe(true);
  }

  it('13 [message] a deleted key: says the key in [main-account] is not valid and how to put a current one there', async () => {
    const deleted = ws.aws(
      ['iam', 'delete-access-key', '--user-name', user.userName, '--access-key-id', user.accessKeyId],
      ADMIN,
    );
    expect(deleted.code).toBe(0);
    const before = readFileSync(ws.credentialsFile);
    await enforceAuth(true);
    try {
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(
        `awst: AWS does not accept the access key ${user.accessKeyId} in [main-account] of ${ws.credentialsFile}: it was deleted, deactivated or mistyped. Put a current key there with: aws configure --profile main-account (or ask your administrator for a new key).\n`,
      );
      expect(readFileSync(ws.credentialsFile)).toEqual(before);
    } finally {
      await enforceAuth(false);
    }
  });

  // An inactive key gets InvalidClientTokenId from AWS, as a deleted one does (moto does not check the
  // status; the unit tests cover that answer). A user without the baseline's policies meets AccessDenied.
  it('13 [message] a user IAM denies ListMFADevices: names the permission and who to ask', async () => {
    await enforceAuth(true);
    try {
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(
        `awst: AWS denied the key in [main-account] the right to list your MFA devices (iam:ListMFADevices): User: arn:aws:iam::123456789012:user/${user.userName} is not authorized to perform: iam:ListMFADevices. Ask your administrator to allow it.\n`,
      );
    } finally {
      await enforceAuth(false);
    }
  });

  it('13 [message] a wrong secret: says the secret does not belong to the key', async () => {
    writeMainKey(ws, { ...user, secretAccessKey: 'not-the-secret' });
    await enforceAuth(true);
    try {
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        new RegExp(
          `^awst: The secret access key in \\[main-account\\] of .* does not belong to the key ${user.accessKeyId}`,
        ),
      );
      expect(out.stderr).toContain('aws configure --profile main-account');
    } finally {
      await enforceAuth(false);
    }
  });
});

describe('14 an empty answer is not a missing one', () => {
  it('14 a user without an MFA device is told so (IAM sends an empty list, not a missing field)', async () => {
    const bare = ws.aws(['iam', 'create-user', '--user-name', `${user.userName}-bare`], ADMIN);
    expect(bare.code).toBe(0);
    const key = JSON.parse(
      ws.aws(['iam', 'create-access-key', '--user-name', `${user.userName}-bare`, '--output', 'json'], ADMIN)
        .stdout,
    ).AccessKey;
    writeMainKey(ws, { ...user, accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^awst: IAM user ${user.userName}-bare has no MFA device\\.`));
  });
});
