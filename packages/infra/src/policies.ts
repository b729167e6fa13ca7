/**
 * IAM policy documents as plain objects. Strings may hold cdktf tokens (account ids); they are rendered with
 * {@link policyJson}. IAM policy variables are written `$${aws:username}`: Terraform turns `$${` into a literal `${`.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The `${aws:username}` policy variable, escaped for Terraform. */
export const AWS_USERNAME = '$${aws:username}';

export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Condition: the request is signed with MFA younger than `maxAgeSeconds`. */
export function mfaCondition(maxAgeSeconds: number): PolicyStatement['Condition'] {
  return {
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': String(maxAgeSeconds) },
  };
}

/**
 * Actions a user may call without MFA. Covers MFA enrolment and first password change, and what the awst CLI
 * does with the long-term key alone: `sts:GetSessionToken`, `iam:GetUser`, `iam:ListMFADevices`,
 * `sts:GetCallerIdentity`. (`sts:AssumeRole` in direct mode carries SerialNumber/TokenCode, so MFA is present.)
 */
export const ALLOWED_WITHOUT_MFA: readonly string[] = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetAccountPasswordPolicy',
  'iam:GetMFADevice',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ListUsers',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
];

/** Self-service for every human user: own MFA devices, password, access keys (with MFA), own user view. */
export function selfServicePolicy(accountId: string, accessKeyMfaMaxAgeSeconds: number): PolicyDocument {
  const self = `arn:aws:iam::${accountId}:user/${AWS_USERNAME}`;
  return doc(
    {
      Sid: 'AllowListUsersAndAccountInfo',
      Effect: 'Allow',
      Action: ['iam:GetAccountPasswordPolicy', 'iam:ListUsers', 'iam:ListVirtualMFADevices'],
      Resource: '*',
    },
    {
      Sid: 'AllowViewOwnUser',
      Effect: 'Allow',
      Action: [
        'iam:GetUser',
        'iam:GetLoginProfile',
        'iam:ListGroupsForUser',
        'iam:ListAttachedUserPolicies',
        'iam:ListUserPolicies',
        'iam:ListMFADevices',
        'iam:ListSigningCertificates',
        'iam:ListSSHPublicKeys',
        'iam:ListServiceSpecificCredentials',
        'iam:ListUserTags',
      ],
      Resource: self,
    },
    {
      Sid: 'AllowManageOwnPassword',
      Effect: 'Allow',
      Action: ['iam:ChangePassword'],
      Resource: self,
    },
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
      Resource: `arn:aws:iam::${accountId}:mfa/*`,
    },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: [
        'iam:DeactivateMFADevice',
        'iam:EnableMFADevice',
        'iam:GetMFADevice',
        'iam:ListMFADevices',
        'iam:ResyncMFADevice',
      ],
      Resource: self,
    },
    {
      Sid: 'AllowManageOwnAccessKeysWithMFA',
      Effect: 'Allow',
      Action: [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
      ],
      Resource: self,
      Condition: mfaCondition(accessKeyMfaMaxAgeSeconds),
    },
  );
}

/** AWS "BlockMostAccessUnlessSignedInWithMFA", exempting {@link ALLOWED_WITHOUT_MFA}. */
export function denyWithoutMfaPolicy(): PolicyDocument {
  return doc({
    Sid: 'BlockMostAccessUnlessSignedInWithMFA',
    Effect: 'Deny',
    NotAction: [...ALLOWED_WITHOUT_MFA],
    Resource: '*',
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  });
}

/** Trust policy: principals of `trustedAccountId` (root = the account's IAM policies decide) with fresh MFA. */
export function mfaTrustPolicy(trustedAccountId: string, mfaMaxAgeSeconds: number): PolicyDocument {
  return doc({
    Sid: 'AllowAssumeWithMfa',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` },
    Action: 'sts:AssumeRole',
    Condition: mfaCondition(mfaMaxAgeSeconds),
  });
}

/** Group policy: may assume the given roles. */
export function assumeRolesPolicy(roleArns: string[]): PolicyDocument {
  return doc({ Sid: 'AllowAssumeRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArns });
}

/** Developer inline deny: network changes and passing privileged roles. */
export function developerDenyPolicy(
  accountId: string,
  deniedNetworkActions: string[],
  privilegedRoleNames: string[],
): PolicyDocument {
  return doc(
    { Sid: 'DenyNetworkChanges', Effect: 'Deny', Action: deniedNetworkActions, Resource: '*' },
    {
      Sid: 'DenyPassPrivilegedRoles',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: privilegedRoleNames.map((name) => `arn:aws:iam::${accountId}:role/${name}`),
    },
  );
}

/** Bucket policy: refuse plain HTTP. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return doc({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}
