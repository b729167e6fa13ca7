import type { Moto, TestUser, Workspace } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

// moto 5.2 as installed refuses ListMFADevices without a user name (AWS answers it for the key's user), so the
// first assume there takes awst's fallback. Every other integration test runs moto with testkit's moto-as-aws.
let moto: Moto;
let user: TestUser;
let ws: Workspace;
useEmulatedAccount({ stockMoto: true, each: (account) => ({ moto, user, ws } = account) });

describe('awst on moto as installed', () => {
  it('finds the user and the MFA device with GetUser and a named ListMFADevices when the emulator needs the name', async () => {
    const refused = ws.aws(['iam', 'list-mfa-devices', '--profile', 'main-account', '--region', 'us-east-1']);
    expect(refused.stderr).toMatch(/NoSuchEntity/); // else this file no longer tests the fallback

    await moto.startRecording();
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
    expect(out.stderr).toMatch(/assumed/);
    expect(out.code).toBe(0);
    expect(await moto.stopRecording()).toEqual([
      'ListMFADevices',
      'GetUser',
      'ListMFADevices',
      'GetSessionToken',
      'AssumeRole',
    ]);
    expect(ws.callerArn('main-account DeveloperAccess')).toBe(
      `arn:aws:sts::123456789012:assumed-role/DeveloperAccess/${user.userName}`,
    );
  });
});
