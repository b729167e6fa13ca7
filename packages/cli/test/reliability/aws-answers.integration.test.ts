// Issue 12 items 10 and 14 on moto, through a proxy that loses an answer or moves AWS's clock.
import { readFileSync } from 'node:fs';
import { EMULATOR_ADMIN_ENV, type Moto, type TestUser, type Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { startAwsProxy } from '../rotation/aws-proxy.js';
import { useFreshUserPerTest } from '../support/emulated-account.js';

let moto: Moto;
let user: TestUser;
let ws: Workspace;
useFreshUserPerTest({
  roles: { DeveloperAccess: 3600 },
  userPrefix: 'answers',
  each: (account) => ({ moto, user, ws } = account),
});

const ADMIN = EMULATOR_ADMIN_ENV;

describe('12.10 a lost answer to DeleteAccessKey', () => {
  it('12.10 [message] the SDK retries, IAM says NoSuchEntity: the rotation is reported complete', async () => {
    const proxy = await startAwsProxy(moto.endpoint);
    try {
      proxy.loseAnswerOnce = 'DeleteAccessKey';
      const out = await ws.awst(['rotate-keys', '-t', '123456'], {
        env: { AWS_ENDPOINT_URL: proxy.endpoint },
      });
      expect(out.stderr).not.toMatch(/Both keys exist/);
      expect(out.code).toBe(0);
      // The delete went out twice (the answer to the first was lost), then IAM's list confirmed it.
      expect(proxy.forwarded.filter((a) => a === 'DeleteAccessKey')).toHaveLength(2);
      const listed = ws.aws(
        ['iam', 'list-access-keys', '--user-name', user.userName, '--output', 'json'],
        ADMIN,
      );
      const ids = JSON.parse(listed.stdout).AccessKeyMetadata.map(
        (k: { AccessKeyId: string }) => k.AccessKeyId,
      );
      expect(ids).toHaveLength(1);
      expect(ids).not.toContain(user.accessKeyId);
      expect(readFileSync(ws.credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${ids[0]}`);
    } finally {
      await proxy.close();
    }
  });
});

describe('12.14 a clock two days ahead', () => {
  it('12.14 [message] assume says the clock is wrong, instead of printing expired credentials with exit 0', async () => {
    const proxy = await startAwsProxy(moto.endpoint);
    try {
      proxy.shiftClockMs = -2 * 86_400_000;
      const before = readFileSync(ws.credentialsFile);
      const env = { AWS_ENDPOINT_URL: proxy.endpoint };
      const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], { env });
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        /^awst: This computer's clock is 2 days ahead of AWS's \(here .*, AWS .*\)\..*set the clock right/,
      );
      expect(out.stderr).not.toMatch(/expired\)/);
      // Nothing was stored that a later run would take for a session, so no run loops on it.
      expect(readFileSync(ws.credentialsFile)).toEqual(before);
      expect(proxy.forwarded).toEqual(['ListMFADevices']);
    } finally {
      await proxy.close();
    }
  });
});
