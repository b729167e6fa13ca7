// Issue 22 items 1-3 and 6 on moto, through a proxy that plays a real AWS: a new key refused for a while
// (IAM's eventual consistency), empty and cut-off answers. Windows are given short (--wait), never waited out.
import { existsSync, readFileSync } from 'node:fs';
import { EMULATOR_ADMIN_ENV, type Moto, type TestUser, type Workspace } from '@awst/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type AwsProxy, startAwsProxy } from '../rotation/aws-proxy.js';
import { useFreshUserPerTest } from '../support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
let proxy: AwsProxy;
useFreshUserPerTest({
  roles: { DeveloperAccess: 3600 },
  userPrefix: 'slow',
  each: (account) => ({ moto, user, ws } = account),
});
afterEach(() => proxy?.close());

async function throughProxy(): Promise<{ env: NodeJS.ProcessEnv }> {
  proxy = await startAwsProxy(moto.endpoint);
  return { env: { AWS_ENDPOINT_URL: proxy.endpoint } };
}
function iamKeyIds(): string[] {
  const out = ws.aws(['iam', 'list-access-keys', '--user-name', user.userName, '--output', 'json'], {
    ...EMULATOR_ADMIN_ENV,
    AWS_ENDPOINT_URL: moto.endpoint,
  });
  return JSON.parse(out.stdout)
    .AccessKeyMetadata.map((k: { AccessKeyId: string }) => k.AccessKeyId)
    .sort();
}
function mainValue(key: string): string | undefined {
  const section =
    readFileSync(ws.credentialsFile, 'utf8').split('[main-account]\n')[1]?.split('\n[')[0] ?? '';
  return new RegExp(`^${key} = (.*)$`, 'm').exec(section)?.[1];
}

describe('22.1 a new key AWS accepts only after a while', () => {
  it('22.1 is waited for, attempt after attempt, and the rotation completes', async () => {
    const via = await throughProxy();
    proxy.refuseKeysYoungerThanMs = 3000;
    const out = await ws.awst(['rotate-keys', '-t', '123456', '--wait', '30'], via);
    expect(out.stderr + out.code).toMatch(/0$/);
    const newId = mainValue('aws_access_key_id')!;
    expect(newId).not.toBe(user.accessKeyId);
    expect(iamKeyIds()).toEqual([newId]);
    // Refused at least once, then accepted: the check went on past the refusals.
    expect(proxy.refused.length).toBeGreaterThanOrEqual(1);
    expect(proxy.refused.every((id) => id === newId)).toBe(true);
    // Not a terminal: the progress is one line, not one per attempt.
    expect(out.stderr.match(/Waiting for AWS to accept the new key/g)).toHaveLength(1);
    expect(readFileSync(ws.credentialsFile, 'utf8')).not.toMatch(/awst_(rotating|unverified)/);
  });
});

describe('22.2 a new key AWS does not accept within the wait', () => {
  it('22.2 the file keeps the old key, every command says the rotation is unfinished, and rotate-keys finishes it later', async () => {
    const via = await throughProxy();
    proxy.refuseKeysYoungerThanMs = 10 * 60_000;
    const out = await ws.awst(['rotate-keys', '-t', '123456', '--wait', '2'], via);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      new RegExp(
        `AWS did not accept the new key (AKIA\\w+) within 2 s \\(IAM can take longer to make a new key usable; its last answer: [^)]*security token included in the request is invalid[^)]*\\)\\..*holds the old key ${user.accessKeyId}, which works.*Finish the rotation in a minute or two with: awst rotate-keys`,
      ),
    );
    const newId = /the new key (AKIA\w+)/.exec(out.stderr)![1]!;
    expect(iamKeyIds()).toEqual([newId, user.accessKeyId].sort());
    expect(mainValue('aws_access_key_id')).toBe(user.accessKeyId);
    expect(mainValue('aws_secret_access_key')).toBe(user.secretAccessKey);
    expect(out.stdout + out.stderr).not.toContain(user.secretAccessKey);
    // The AWS CLI keeps working with the old key meanwhile.
    expect(
      ws.callerArn('main-account', { AWS_ENDPOINT_URL: moto.endpoint, AWS_DEFAULT_REGION: 'eu-west-1' }),
    ).toMatch(/user\/slow\d+$/);

    // Another command says so, and what to run; it does not send the user to aws configure.
    const assume = await ws.awst(['assume', 'main-account', 'DeveloperAccess'], via);
    expect(assume.code).toBe(0);
    expect(assume.stderr).toMatch(
      new RegExp(
        `A key rotation is unfinished: AWS had not accepted the new key ${newId} yet.*awst rotate-keys`,
      ),
    );
    expect(assume.stderr).not.toMatch(/aws configure/);
    const status = await ws.awst(['status', '--offline'], via);
    expect(status.stdout).toMatch(new RegExp(`A key rotation is unfinished: .*${newId}.*awst rotate-keys`));

    // Still refused: rotate-keys says so and changes nothing.
    const still = await ws.awst(['rotate-keys', '--wait', '1'], via);
    expect(still.code).toBe(1);
    expect(still.stderr).toMatch(new RegExp(`AWS still does not accept the new key ${newId}`));
    expect(mainValue('aws_access_key_id')).toBe(user.accessKeyId);

    // AWS accepts it at last: the same command finishes the rotation.
    proxy.refuseKeysYoungerThanMs = 0;
    const finished = await ws.awst(['rotate-keys'], via);
    expect(finished.stderr + finished.code).toMatch(/0$/);
    expect(finished.stdout).toContain(`Finished the rotation of the access key of ${user.userName}`);
    expect(iamKeyIds()).toEqual([newId]);
    expect(mainValue('aws_access_key_id')).toBe(newId);
    expect(readFileSync(ws.credentialsFile, 'utf8')).not.toMatch(/awst_(rotating|unverified)/);
  });
});

describe('22.3 answers that are not answers', () => {
  it('22.3 an empty 200 to DeleteAccessKey (nothing deleted) is not reported as a rotation', async () => {
    const via = await throughProxy();
    proxy.emptyAnswerOnce = 'DeleteAccessKey';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], via);
    expect(out.code).toBe(1);
    expect(out.stdout).not.toMatch(/Rotated/);
    const newId = mainValue('aws_access_key_id')!;
    expect(out.stderr).toMatch(
      new RegExp(
        `deleting the old key ${user.accessKeyId} was not confirmed .*IAM still lists both keys\\. Finish with: awst rotate-keys`,
      ),
    );
    expect(iamKeyIds()).toEqual([newId, user.accessKeyId].sort());
    // The next run does not refuse ("already has a second key"): it finishes.
    const finished = await ws.awst(['rotate-keys'], via);
    expect(finished.stderr + finished.code).toMatch(/0$/);
    expect(iamKeyIds()).toEqual([newId]);
  });

  it('22.3 a delete whose answer is cut off, though IAM did it, is reported done once IAM confirms it', async () => {
    const via = await throughProxy();
    proxy.cutAnswerOnce = 'DeleteAccessKey';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], via);
    expect(out.stderr + out.code).toMatch(/0$/);
    const newId = mainValue('aws_access_key_id')!;
    expect(out.stdout).toContain(`${user.accessKeyId} → ${newId}`);
    expect(iamKeyIds()).toEqual([newId]);
    expect(proxy.forwarded.slice(-1)).toEqual(['ListAccessKeys']);
  });

  it('22.6 [message] a cut-off answer is named as such, never as the SDK\'s "Deserialization error … $response"', async () => {
    const via = await throughProxy();
    proxy.cutAnswerOnce = 'ListAccessKeys';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], via);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(/Deserialization|\$response|hidden field/);
    expect(out.stderr).toMatch(/answer .*could not be read/);
    expect(iamKeyIds()).toEqual([user.accessKeyId]);
  });

  it('22.6 [message] a connection closed at once is not "no answer within 10 s"', async () => {
    const via = await throughProxy();
    proxy.dieBefore = 'ListAccessKeys';
    const out = await ws.awst(['rotate-keys', '-t', '123456'], via);
    expect(out.code).toBe(1);
    expect(out.stderr).not.toMatch(/no answer within/);
    expect(out.stderr).toMatch(/the connection was closed without an answer/);
  });
});

describe('22.6 messages', () => {
  it('22.6 [message] rotate-keys with a missing HOME says there is no key and creates no folder', async () => {
    const home = `${ws.home}/gone`;
    const out = await ws.awst(['rotate-keys'], {
      env: { HOME: home, AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' },
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `awst: No access key in profile [main-account] of ${home}/.aws/credentials. Add your IAM user's key with: aws configure --profile main-account\n`,
    );
    expect(existsSync(home)).toBe(false);
  });
});
