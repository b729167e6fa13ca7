/**
 * The seed's policies (before issue 10), resolved for account 123456789012, kept only to show that the
 * decision tests fail on them: a test that passes whatever the policies say proves nothing.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the IAM policy variable, not a template
const self = 'arn:aws:iam::123456789012:user/${aws:username}';

export const SEED_SELF_SERVICE = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowManageOwnPassword', Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: self },
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
      Resource: 'arn:aws:iam::123456789012:mfa/*',
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
  ],
};

export const SEED_DENY_WITHOUT_MFA = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'BlockMostAccessUnlessSignedInWithMFA',
      Effect: 'Deny',
      NotAction: [
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
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

export const SEED_ADMIN_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowAssumeWithMfa',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'sts:AssumeRole',
      Condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      },
    },
  ],
};

export const SEED_STATE_BUCKET_POLICY = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});
