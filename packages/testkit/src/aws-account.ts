// The SDK's Node 20 end-of-support notice is noise in test and benchmark output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import type { IAMClient } from '@aws-sdk/client-iam';

import { type Moto, type MotoOptions, startMoto } from './moto.js';

export const ACCOUNT_ID = '123456789012';

export interface TestUser {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial: string;
}

/**
 * The AWS CLI's environment for acting as moto's administrator (moto lets any key do anything unless told to
 * enforce IAM): for test set-up and read-back beside the user's own workspace environment.
 */
export const EMULATOR_ADMIN_ENV = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'eu-west-1',
} as const;

/** An IAM client and the SDK's commands, loaded on first use: unit tests import the testkit for its other helpers. */
async function adminIam(
  endpoint: string,
): Promise<{ iam: IAMClient; sdk: typeof import('@aws-sdk/client-iam') }> {
  const sdk = await import('@aws-sdk/client-iam');
  const iam = new sdk.IAMClient({
    endpoint,
    region: 'eu-west-1',
    credentials: {
      accessKeyId: EMULATOR_ADMIN_ENV.AWS_ACCESS_KEY_ID,
      secretAccessKey: EMULATOR_ADMIN_ENV.AWS_SECRET_ACCESS_KEY,
    },
  });
  return { iam, sdk };
}

/** An IAM user with an access key and an enabled virtual MFA device whose name is not the user name. */
export async function createUserWithMfa(endpoint: string, userName = 'alice'): Promise<TestUser> {
  const { iam, sdk } = await adminIam(endpoint);
  await iam.send(new sdk.CreateUserCommand({ UserName: userName }));
  return addKeyAndMfa(endpoint, userName);
}

/** Gives an existing user (say, one Terraform built) an access key and an enabled virtual MFA device. */
export async function addKeyAndMfa(endpoint: string, userName: string): Promise<TestUser> {
  const { iam, sdk } = await adminIam(endpoint);
  const key = await iam.send(new sdk.CreateAccessKeyCommand({ UserName: userName }));
  const device = await iam.send(
    new sdk.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-phone` }),
  );
  const mfaSerial = device.VirtualMFADevice!.SerialNumber!;
  await iam.send(
    new sdk.EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: mfaSerial,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  return {
    userName,
    accessKeyId: key.AccessKey!.AccessKeyId!,
    secretAccessKey: key.AccessKey!.SecretAccessKey!,
    mfaSerial,
  };
}

/** A role trusting the account with MFA, as the baseline builds it. */
export async function createRole(
  endpoint: string,
  roleName: string,
  maxSessionDuration = 3600,
): Promise<void> {
  const { iam, sdk } = await adminIam(endpoint);
  await iam.send(
    new sdk.CreateRoleCommand({
      RoleName: roleName,
      MaxSessionDuration: maxSessionDuration,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      }),
    }),
  );
  await iam.send(
    new sdk.AttachRolePolicyCommand({
      RoleName: roleName,
      PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  );
}

/** moto_server with the baseline's two roles (MFA required, DeveloperAccess 4 h, AdminAccess 1 h) and user alice. */
export async function startEmulatedAccount(
  options: MotoOptions = {},
): Promise<{ moto: Moto; user: TestUser }> {
  const moto = await startMoto({}, options);
  try {
    const user = await createUserWithMfa(moto.endpoint);
    await createRole(moto.endpoint, 'DeveloperAccess', 14400);
    await createRole(moto.endpoint, 'AdminAccess', 3600);
    return { moto, user };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}
