import { readFileSync, statSync } from 'node:fs';
import {
  AWSTOOLS_CONFIG,
  budget,
  EMULATOR_ADMIN_ENV,
  type Moto,
  type TestUser,
  type Workspace,
  writeAwstConfig,
} from '@awst/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AwsProxy, startAwsProxy } from './rotation/aws-proxy.js';
import { useFreshUserPerTest } from './support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
let proxy: AwsProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function otherProfiles(u: TestUser) {
  return `# my own notes, keep me
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE
aws_secret_access_key = keep/this=secret

; the same key under another name, as some people keep it
[old-copy]
aws_access_key_id = ${u.accessKeyId}
aws_secret_access_key = ${u.secretAccessKey}
region = eu-west-1

`;
}

let userMadeAt: number;
/** Whole minutes since the test's user and key were made: what "Nm old" may show on a slow machine. */
const minutesSinceUserMade = () => Math.floor((Date.now() - userMadeAt) / 60_000);

beforeEach(() => {
  userMadeAt = Date.now();
});
useFreshUserPerTest({
  roles: { DeveloperAccess: 14400, AdminAccess: 3600 },
  userPrefix: 'user',
  extraCredentials: otherProfiles,
  each: (account) => ({ moto, user, ws } = account),
});

/** The AWS CLI with moto's admin credentials, straight at moto (never through the proxy). */
const ADMIN = EMULATOR_ADMIN_ENV;
function admin(args: string[]) {
  const out = ws.aws(args, { ...ADMIN, AWS_ENDPOINT_URL: moto.endpoint });
  expect(out.stderr).toBe('');
  return out.stdout;
}
function iamKeys(): { id: string; status: string }[] {
  const out = JSON.parse(
    admin(['iam', 'list-access-keys', '--user-name', user.userName, '--output', 'json']),
  );
  return out.AccessKeyMetadata.map((k: { AccessKeyId: string; Status: string }) => ({
    id: k.AccessKeyId,
    status: k.Status,
  })).sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
}
const file = () => readFileSync(ws.credentialsFile, 'utf8');
function profileValue(profile: string, key: string): string | undefined {
  const section = file().split(`[${profile}]\n`)[1]?.split('\n[')[0] ?? '';
  return new RegExp(`^${key} = (.*)$`, 'm').exec(section)?.[1];
}
/** The invariant: the key in the file is one of the user's keys in IAM. */
function expectFileKeyInIam() {
  expect(iamKeys().map((k) => k.id)).toContain(profileValue('main-account', 'aws_access_key_id'));
}
const callerArn = (profile: string) => ws.callerArn(profile, { AWS_DEFAULT_REGION: 'eu-west-1' });
function viaProxy(p: AwsProxy) {
  return { env: { AWS_ENDPOINT_URL: p.endpoint } };
}

// Each test runs awst a few times and the AWS CLI a few more: budgets from that work, not a flat 60 s.
describe('awst rotate-keys on the emulator', { timeout: budget({ processes: 10 }) }, () => {
  it('replaces the key everywhere it was, keeps everything else, and the AWS CLI works with it', async () => {
    const before = file();
    await moto.startRecording();
    const out = await ws.awst(['rotate-keys', '-t', '123456']);
    const calls = await moto.stopRecording();
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const newId = profileValue('main-account', 'aws_access_key_id')!;
    const newSecret = profileValue('main-account', 'aws_secret_access_key')!;
    expect(newId).not.toBe(user.accessKeyId);
    expect(out.stdout).toMatch(
      new RegExp(
        `^Rotated the access key of ${user.userName}: ${user.accessKeyId} → ${newId} in \\d+(\\.\\d)? s\\.\\n$`,
      ),
    );
    expect(out.stdout + out.stderr).not.toContain(newSecret);
    expect(out.stdout + out.stderr).not.toContain(user.secretAccessKey);

    expect(iamKeys()).toEqual([{ id: newId, status: 'Active' }]);
    expect(callerArn('main-account')).toBe(`arn:aws:iam::123456789012:user/${user.userName}`);
    expect(callerArn('old-copy')).toBe(`arn:aws:iam::123456789012:user/${user.userName}`);
    expect(profileValue('old-copy', 'aws_access_key_id')).toBe(newId);
    // Comments, [default] and every other line: as before, the old key replaced by the new one.
    const expected = before.replaceAll(user.accessKeyId, newId).replaceAll(user.secretAccessKey, newSecret);
    expect(file().startsWith(expected)).toBe(true);
    expect(file()).not.toMatch(/awst_rotat/);
    expect(statSync(ws.credentialsFile).mode & 0o777).toBe(0o600);
    expect(calls).toEqual([
      'ListMFADevices',
      'GetSessionToken',
      'ListAccessKeys',
      'CreateAccessKey',
      'GetCallerIdentity',
      'DeleteAccessKey',
      // The delete confirmed by IAM before it is reported.
      'ListAccessKeys',
    ]);
  });

  it('keeps the cached MFA session and role profiles usable: no new code, one AssumeRole', async () => {
    expect((await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'])).code).toBe(0);
    await moto.startRecording();
    const rotated = await ws.awst(['rotate-keys']); // no code given: it must use the cached session
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(await moto.stopRecording()).toEqual([
      'ListAccessKeys',
      'CreateAccessKey',
      'GetCallerIdentity',
      'DeleteAccessKey',
      'ListAccessKeys',
    ]);
    expect(callerArn('main-account DeveloperAccess')).toMatch(/assumed-role\/DeveloperAccess\//);
    await moto.startRecording();
    const admin = await ws.awst(['assume', 'main-account', 'AdminAccess']);
    expect(admin.code).toBe(0);
    expect(await moto.stopRecording()).toEqual(['AssumeRole']);
  });

  it('--dry-run changes nothing; status shows the key age and when it rotates next', async () => {
    writeAwstConfig(
      ws,
      AWSTOOLS_CONFIG.replace('keyRotationIntervalMinutes = 0', 'keyRotationIntervalMinutes = 10080'),
    );
    const dry = await ws.awst(['rotate-keys', '--dry-run', '-t', '123456']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/Would create a new access key/);
    expect(dry.stdout).toBe('');
    expect(iamKeys()).toEqual([{ id: user.accessKeyId, status: 'Active' }]);
    expect(profileValue('main-account', 'aws_access_key_id')).toBe(user.accessKeyId);
    const status = await ws.awst(['status']);
    expect(status.code).toBe(0);
    const age = new RegExp(
      `Access key ${user.accessKeyId} \\[main-account\\]: (\\d+)m old, Active; rotates in 6d 23h\\.`,
    ).exec(status.stdout);
    expect(Number(age?.[1]), status.stdout).toBeLessThanOrEqual(minutesSinceUserMade());
  });
});

describe('a second key blocks the rotation until the user says what to do with it', {
  timeout: budget({ processes: 10 }),
}, () => {
  it('refuses, naming the key, and changes neither the file nor IAM', async () => {
    const extraMadeAt = Date.now();
    const extra = JSON.parse(
      admin(['iam', 'create-access-key', '--user-name', user.userName, '--output', 'json']),
    ).AccessKey.AccessKeyId as string;
    // An MFA session first, so that the refusal itself has nothing to cache.
    expect((await ws.awst(['rotate-keys', '--dry-run', '-t', '123456'])).code).toBe(2);
    const before = file();
    const keysBefore = iamKeys();
    const out = await ws.awst(['rotate-keys', '--delete-inactive']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    const created = new RegExp(
      `already has a second access key, ${extra} \\(Active, created (\\d+)m ago\\).*--delete-key ${extra}`,
    ).exec(out.stderr);
    expect(Number(created?.[1]), out.stderr).toBeLessThanOrEqual(
      Math.floor((Date.now() - extraMadeAt) / 60_000),
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(file()).toBe(before);
    expect(iamKeys()).toEqual(keysBefore);
  });

  it('--delete-inactive deletes an inactive one, then rotates', async () => {
    const extra = JSON.parse(
      admin(['iam', 'create-access-key', '--user-name', user.userName, '--output', 'json']),
    ).AccessKey.AccessKeyId as string;
    admin([
      'iam',
      'update-access-key',
      '--user-name',
      user.userName,
      '--access-key-id',
      extra,
      '--status',
      'Inactive',
    ]);
    const refused = await ws.awst(['rotate-keys', '-t', '123456']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\(Inactive, .*--delete-inactive/);
    const out = await ws.awst(['rotate-keys', '--delete-inactive']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(new RegExp(`Deleted ${extra} \\(Inactive`));
    const newId = profileValue('main-account', 'aws_access_key_id');
    expect(iamKeys()).toEqual([{ id: newId, status: 'Active' }]);
  });
});

describe('an endpoint that dies mid-rotation loses no key', { timeout: budget({ processes: 10 }) }, () => {
  it('before the create: nothing changes in IAM, the file still works', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.dieBefore = 'CreateAccessKey';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], viaProxy(proxy));
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Could not reach AWS/);
    expect(out.stderr).toContain(`still holds ${user.accessKeyId}, which works`);
    expect(iamKeys()).toEqual([{ id: user.accessKeyId, status: 'Active' }]);
    expectFileKeyInIam();
    expect(callerArn('main-account')).toMatch(/user\/user\d+$/);
    // Once the network is back, a plain run rotates.
    const again = await ws.awst(['rotate-keys']);
    expect(again.code).toBe(0);
    expect(iamKeys()).toHaveLength(1);
    expectFileKeyInIam();
  });

  it('after the create: the orphan is named, removed only with consent, and the file always holds a key IAM has', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.dieAfter = 'CreateAccessKey';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], viaProxy(proxy));
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Could not reach AWS/);
    expect(profileValue('main-account', 'aws_access_key_id')).toBe(user.accessKeyId);
    const keys = iamKeys();
    expect(keys).toHaveLength(2);
    const orphan = keys.find((k) => k.id !== user.accessKeyId)!.id;
    expectFileKeyInIam();
    expect(callerArn('main-account')).toMatch(/user\/user\d+$/);

    // The next run (no terminal to ask) names the orphan and refuses.
    const refused = await ws.awst(['rotate-keys']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`${orphan} .*interrupted rotation.*--delete-key ${orphan}`));
    expect(iamKeys()).toEqual(keys);
    // With explicit consent it goes.
    const done = await ws.awst(['rotate-keys', '--delete-key', orphan]);
    expect(done.stderr).toMatch(new RegExp(`Deleted ${orphan}`));
    expect(done.code).toBe(0);
    expect(iamKeys()).toHaveLength(1);
    expectFileKeyInIam();
    expect(file()).not.toMatch(/awst_rotat/);
  });

  it('at the delete of the old key: both keys kept, the new one in the file works, and rotate-keys finishes', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.dieBefore = 'DeleteAccessKey';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], viaProxy(proxy));
    expect(out.code).toBe(1);
    const newId = profileValue('main-account', 'aws_access_key_id')!;
    expect(out.stderr).toMatch(
      new RegExp(
        `new key ${newId} is in .* and works, but deleting the old key ${user.accessKeyId} was not confirmed \\(Could not reach AWS.*Finish with: awst rotate-keys`,
      ),
    );
    expect(
      iamKeys()
        .map((k) => k.id)
        .sort(),
    ).toEqual([newId, user.accessKeyId].sort());
    expect(callerArn('main-account')).toMatch(/user\/user\d+$/);
    const finished = await ws.awst(['rotate-keys']);
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain(
      `Finished the rotation of the access key of ${user.userName}: ${user.accessKeyId} → ${newId}`,
    );
    expect(iamKeys()).toEqual([{ id: newId, status: 'Active' }]);
  });
});

describe('rotation by interval during assume', { timeout: budget({ processes: 10 }) }, () => {
  // moto stamps every key with "now" and keyRotationIntervalMinutes is whole minutes, so the key is made
  // to look old at the wire: the proxy rewrites CreateDate in ListAccessKeys answers to two hours ago.
  beforeEach(() => {
    writeAwstConfig(
      ws,
      AWSTOOLS_CONFIG.replace('keyRotationIntervalMinutes = 0', 'keyRotationIntervalMinutes = 60'),
    );
  });

  it('22.5 credential-process hands out the credentials without waiting, and the rotation runs in the background', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.makeKeysOld = new Date(Date.now() - 2 * 3_600_000);
    // AWS takes 8 s to accept the new key: a rotation inside credential-process would hold it that long.
    proxy.refuseKeysYoungerThanMs = 8000;
    const out = await ws.awst(
      ['credential-process', 'main-account', 'DeveloperAccess', '-t', '123456'],
      viaProxy(proxy),
    );
    expect(out.stderr + out.code).toMatch(/0$/);
    expect(JSON.parse(out.stdout).Version).toBe(1);
    expect(out.stderr).toMatch(
      /Your access key is 2h 0m old \(rotation every 1h 0m\): rotating it in the background/,
    );
    // It did not wait: when it ended the file still held the old key, whose replacement AWS had not accepted.
    expect(profileValue('main-account', 'aws_access_key_id')).toBe(user.accessKeyId);
    await vi.waitFor(
      () => {
        const newId = profileValue('main-account', 'aws_access_key_id');
        expect(newId).not.toBe(user.accessKeyId);
        expect(iamKeys()).toEqual([{ id: newId, status: 'Active' }]);
      },
      { timeout: 120_000, interval: 1000 },
    );
    expect(file()).not.toMatch(/awst_(rotat|unverified)/);
  });

  it('rotates a key older than the interval after a new MFA session, and assume still prints its result', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.makeKeysOld = new Date(Date.now() - 2 * 3_600_000);
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], viaProxy(proxy));
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/Your access key is 2h 0m old \(rotation every 1h 0m\): rotating it\./);
    expect(out.stderr).toMatch(
      new RegExp(`Rotated the access key of ${user.userName}: ${user.accessKeyId} → AKIA`),
    );
    expect(out.stderr).toMatch(/DeveloperAccess in main-account \(123456789012\) assumed/);
    const newId = profileValue('main-account', 'aws_access_key_id');
    expect(newId).not.toBe(user.accessKeyId);
    expect(iamKeys()).toEqual([{ id: newId, status: 'Active' }]);
    expect(callerArn('main-account DeveloperAccess')).toMatch(/assumed-role\/DeveloperAccess\//);
    expect(callerArn('main-account')).toMatch(/user\/user\d+$/);
  });

  it('leaves a key younger than the interval alone (moto: created just now)', async () => {
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toMatch(/rotat/i);
    expect(iamKeys()).toEqual([{ id: user.accessKeyId, status: 'Active' }]);
  });

  it('a failed automatic rotation is a warning: assume succeeds and prints its result', async () => {
    proxy = await startAwsProxy(moto.endpoint);
    proxy.makeKeysOld = new Date(Date.now() - 2 * 3_600_000);
    proxy.dieBefore = 'CreateAccessKey';
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], viaProxy(proxy));
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /awst: warning: automatic key rotation failed: .*run awst rotate-keys to retry/,
    );
    expect(out.stderr).toMatch(/DeveloperAccess in main-account \(123456789012\) assumed/);
    expect(callerArn('main-account DeveloperAccess')).toMatch(/assumed-role\/DeveloperAccess\//);
    expect(iamKeys()).toEqual([{ id: user.accessKeyId, status: 'Active' }]);
    expectFileKeyInIam();
  });
});

// Three rounds of two awst runs, the AWS CLI four times and IAM's key list each.
describe('rotate-keys racing assume', { timeout: budget({ processes: 3 * 7 }) }, () => {
  it('both succeed; the file holds a key IAM has and the assumed profile works', async () => {
    for (let round = 0; round < 3; round++) {
      const [rotated, assumed] = await Promise.all([
        ws.awst(['rotate-keys', '-t', '123456']),
        ws.awst([
          'assume',
          'main-account',
          round % 2 ? 'AdminAccess' : 'DeveloperAccess',
          '-t',
          '123456',
          '--force',
        ]),
      ]);
      // The one line awst may print while the other command holds the lock (on a busy machine, it does).
      const lines = rotated.stderr.split('\n').filter(Boolean);
      expect(lines.filter((line) => !/^awst: waiting for .*, which holds .*\.lock; /.test(line))).toEqual([]);
      expect(rotated.code).toBe(0);
      expect(assumed.code).toBe(0);
      expect(iamKeys()).toHaveLength(1);
      expectFileKeyInIam();
      expect(callerArn(`main-account ${round % 2 ? 'AdminAccess' : 'DeveloperAccess'}`)).toMatch(
        /assumed-role/,
      );
      expect(callerArn('main-account')).toMatch(/user\/user\d+$/);
    }
  });
});
