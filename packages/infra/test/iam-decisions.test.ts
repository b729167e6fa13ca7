/**
 * The baseline's IAM decisions, proven with an IAM policy evaluator on the synthesized policies (moto applies
 * no IAM condition). Users: `admin` (Admins, Developers) and `user` (Developers), the default settings.
 */
import { describe, expect, it } from 'vitest';
import { synthBaseline } from './helpers.js';
import {
  asRole,
  asRoleWith,
  asRoot,
  asService,
  asUser,
  asUserWith,
  CONSOLE,
  type Decision,
  KEY,
  mfa,
  mfaArn,
  type Request,
  roleArn,
  type Signature,
  SynthesizedIam,
  userArn,
} from './iam/evaluate.js';
import {
  SEED_ADMIN_TRUST,
  SEED_DENY_WITHOUT_MFA,
  SEED_SELF_SERVICE,
  SEED_STATE_BUCKET_POLICY,
} from './iam/seed-policies.js';

const iam = new SynthesizedIam(synthBaseline());
const FRESH = mfa(600);
const STALE = mfa(14_400); // self-service and DeveloperAccess want MFA younger than 4 h

const own = (action: string): Request => ({ action, resource: userArn('user') });
const other = (action: string): Request => ({ action, resource: userArn('admin') });
const device = (action: string, name: string): Request => ({ action, resource: mfaArn(name) });
const assume = (role: string): Request => ({
  action: 'sts:AssumeRole',
  resource: roleArn(role),
  resourcePolicy: iam.trustPolicy(role),
});
const user = (signature: Signature, request: Request) => asUser(iam, 'user', signature, request);
const admin = (signature: Signature, request: Request) => asUser(iam, 'admin', signature, request);

/** `sts:GetSessionToken` and `sts:GetCallerIdentity` need no Allow on AWS: only an explicit deny would stop them. */
const notExplicitlyDenied = (d: Decision) => expect(d).not.toBe('ExplicitlyDenied');

describe('a leaked long-term access key alone (aws:MultiFactorAuthPresent absent)', () => {
  it('may do what awst needs to get an MFA session: GetSessionToken, GetCallerIdentity, own GetUser, own ListMFADevices', async () => {
    notExplicitlyDenied(await user(KEY, { action: 'sts:GetSessionToken', resource: '*' }));
    notExplicitlyDenied(await user(KEY, { action: 'sts:GetCallerIdentity', resource: '*' }));
    expect(await user(KEY, own('iam:GetUser'))).toBe('Allowed');
    expect(await user(KEY, own('iam:ListMFADevices'))).toBe('Allowed');
    expect(await user(KEY, other('iam:GetUser'))).not.toBe('Allowed');
  });

  it('cannot enrol an MFA device of its own (the seed allowed this: key -> own device -> MFA session -> AdminAccess)', async () => {
    expect(await user(KEY, device('iam:CreateVirtualMFADevice', 'user'))).toBe('ExplicitlyDenied');
    expect(await user(KEY, device('iam:CreateVirtualMFADevice', 'user-attacker'))).toBe('ExplicitlyDenied');
    expect(await user(KEY, own('iam:EnableMFADevice'))).toBe('ExplicitlyDenied');
    expect(await user(KEY, own('iam:ResyncMFADevice'))).toBe('ExplicitlyDenied');
  });

  it('the same checks on the seed policies say Allowed: these tests can fail', async () => {
    const seed = [
      { name: 'SelfService', policy: SEED_SELF_SERVICE },
      { name: 'BlockMostAccessUnlessSignedInWithMFA', policy: SEED_DENY_WITHOUT_MFA },
    ];
    expect(await asUserWith(seed, 'user', KEY, device('iam:CreateVirtualMFADevice', 'user-attacker'))).toBe(
      'Allowed',
    );
    expect(await asUserWith(seed, 'user', KEY, own('iam:EnableMFADevice'))).toBe('Allowed');
    expect(await asUserWith(seed, 'user', KEY, own('iam:ChangePassword'))).toBe('Allowed');
    expect(await asUserWith(seed, 'user', KEY, device('iam:DeleteVirtualMFADevice', 'admin-phone'))).toBe(
      'Allowed',
    );
  });

  it('cannot change the password, touch devices or keys, or call anything else', async () => {
    for (const action of [
      'iam:ChangePassword',
      'iam:DeactivateMFADevice',
      'iam:CreateAccessKey',
      'iam:ListAccessKeys',
      'iam:DeleteAccessKey',
    ]) {
      expect(await user(KEY, own(action)), action).toBe('ExplicitlyDenied');
    }
    expect(await user(KEY, device('iam:DeleteVirtualMFADevice', 'user'))).toBe('ExplicitlyDenied');
    expect(await user(KEY, { action: 'iam:ListUsers', resource: '*' })).toBe('ExplicitlyDenied');
    expect(await user(KEY, { action: 's3:ListAllMyBuckets', resource: '*' })).toBe('ExplicitlyDenied');
    expect(
      await user(KEY, {
        action: 'sts:GetFederationToken',
        resource: `arn:aws:sts::123456789012:federated-user/x`,
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('direct mode, identity half: the key may ask for the MFA roles its group allows, and no other role', async () => {
    const identityOnly = (role: string): Request => ({ action: 'sts:AssumeRole', resource: roleArn(role) });
    expect(await user(KEY, identityOnly('DeveloperAccess'))).toBe('Allowed');
    expect(await user(KEY, identityOnly('AdminAccess'))).toBe('ImplicitlyDenied');
    expect(await admin(KEY, identityOnly('AdminAccess'))).toBe('Allowed');
    expect(await admin(KEY, identityOnly('OrganizationAccountAccessRole'))).toBe('ExplicitlyDenied');
    expect(await admin(CONSOLE, identityOnly('SomeoneElsesRole'))).toBe('ExplicitlyDenied');
  });

  it('direct mode, trust half: the role is assumed only when the request carries fresh MFA (SerialNumber/TokenCode)', async () => {
    expect(await user(KEY, assume('DeveloperAccess'))).not.toBe('Allowed');
    expect(await user(mfa(0), assume('DeveloperAccess'))).toBe('Allowed');
    expect(await admin(KEY, assume('AdminAccess'))).not.toBe('Allowed');
    expect(await admin(mfa(0), assume('AdminAccess'))).toBe('Allowed');
  });
});

describe('a console session without MFA (aws:MultiFactorAuthPresent false): first sign-in', () => {
  it('may change its own password and enrol a device named after the user', async () => {
    expect(await user(CONSOLE, own('iam:ChangePassword'))).toBe('Allowed');
    expect(await user(CONSOLE, { action: 'iam:GetAccountPasswordPolicy', resource: '*' })).toBe('Allowed');
    expect(await user(CONSOLE, device('iam:CreateVirtualMFADevice', 'user'))).toBe('Allowed');
    expect(await user(CONSOLE, device('iam:CreateVirtualMFADevice', 'user-phone'))).toBe('Allowed');
    expect(await user(CONSOLE, own('iam:EnableMFADevice'))).toBe('Allowed');
    expect(await user(CONSOLE, own('iam:ListMFADevices'))).toBe('Allowed');
  });

  it("may not touch another user's password, devices or device names", async () => {
    expect(await user(CONSOLE, other('iam:ChangePassword'))).not.toBe('Allowed');
    expect(await user(CONSOLE, other('iam:EnableMFADevice'))).not.toBe('Allowed');
    expect(await user(CONSOLE, device('iam:CreateVirtualMFADevice', 'admin'))).not.toBe('Allowed');
  });

  it('may not deactivate or delete devices, manage keys, assume roles or use any service', async () => {
    expect(await user(CONSOLE, own('iam:DeactivateMFADevice'))).toBe('ExplicitlyDenied');
    expect(await user(CONSOLE, device('iam:DeleteVirtualMFADevice', 'user'))).toBe('ExplicitlyDenied');
    expect(await user(CONSOLE, own('iam:CreateAccessKey'))).toBe('ExplicitlyDenied');
    expect(await user(CONSOLE, assume('DeveloperAccess'))).not.toBe('Allowed');
    expect(await user(CONSOLE, { action: 'ec2:DescribeInstances', resource: '*' })).toBe('ExplicitlyDenied');
  });
});

describe('an MFA session (GetSessionToken with a code), by age', () => {
  it('fresh: manages own keys and devices, deletes only its own device', async () => {
    for (const action of [
      'iam:CreateAccessKey',
      'iam:ListAccessKeys',
      'iam:DeleteAccessKey',
      'iam:DeactivateMFADevice',
      'iam:EnableMFADevice',
    ]) {
      expect(await user(FRESH, own(action)), action).toBe('Allowed');
    }
    expect(await user(FRESH, device('iam:DeleteVirtualMFADevice', 'user-phone'))).toBe('Allowed');
    expect(await user(FRESH, device('iam:DeleteVirtualMFADevice', 'admin-phone'))).not.toBe('Allowed');
    expect(await user(FRESH, other('iam:CreateAccessKey'))).not.toBe('Allowed');
    expect(await user(FRESH, other('iam:DeactivateMFADevice'))).not.toBe('Allowed');
  });

  it('older than the self-service MFA age (a stolen laptop, later): no keys, no new or removed devices', async () => {
    for (const action of ['iam:CreateAccessKey', 'iam:DeactivateMFADevice', 'iam:EnableMFADevice']) {
      expect(await user(STALE, own(action)), action).not.toBe('Allowed');
    }
    expect(await user(mfa(14_399), own('iam:CreateAccessKey'))).toBe('Allowed');
    expect(await user(STALE, device('iam:DeleteVirtualMFADevice', 'user-phone'))).not.toBe('Allowed');
  });

  it('AdminAccess: Admins only, MFA younger than 1 h', async () => {
    expect(await admin(mfa(3_599), assume('AdminAccess'))).toBe('Allowed');
    expect(await admin(mfa(3_600), assume('AdminAccess'))).not.toBe('Allowed');
    expect(await user(FRESH, assume('AdminAccess'))).not.toBe('Allowed');
  });

  it('DeveloperAccess: Developers, MFA younger than 4 h', async () => {
    expect(await user(mfa(14_399), assume('DeveloperAccess'))).toBe('Allowed');
    expect(await user(STALE, assume('DeveloperAccess'))).not.toBe('Allowed');
    expect(await admin(FRESH, assume('DeveloperAccess'))).toBe('Allowed');
  });
});

describe('role sessions', () => {
  const withMfa = { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '10' };

  it('never chain into AdminAccess, even carrying MFA context: the trust wants an IAM user', async () => {
    expect(await asRole(iam, 'DeveloperAccess', assume('AdminAccess'), withMfa)).not.toBe('Allowed');
    expect(await asRole(iam, 'AdminAccess', assume('AdminAccess'), withMfa)).not.toBe('Allowed');
    expect(await asRole(iam, 'AdminAccess', assume('DeveloperAccess'), withMfa)).not.toBe('Allowed');
  });

  it("the seed's trust let a developer session with MFA context into AdminAccess (guard deny aside)", async () => {
    expect(
      await asRoleWith(
        iam.rolePolicies('DeveloperAccess').filter((p) => p.name !== 'DenyAuditAndGuardChanges'),
        'DeveloperAccess',
        { ...assume('AdminAccess'), resourcePolicy: SEED_ADMIN_TRUST },
        withMfa,
      ),
    ).toBe('Allowed');
  });

  it('DeveloperAccess cannot change the network or pass AdminAccess; AdminAccess can', async () => {
    const createVpc = { action: 'ec2:CreateVpc', resource: '*' };
    const passAdmin = { action: 'iam:PassRole', resource: roleArn('AdminAccess') };
    expect(await asRole(iam, 'DeveloperAccess', createVpc)).toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'DeveloperAccess', { action: 'ec2:DescribeVpcs', resource: '*' })).toBe(
      'Allowed',
    );
    expect(await asRole(iam, 'DeveloperAccess', passAdmin)).toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'AdminAccess', createVpc)).toBe('Allowed');
  });
});

describe('the Terraform state bucket', () => {
  const bucket = iam.bucketName('terraform-state');
  const policy = iam.bucketPolicy(bucket);
  const object = (action: string, extra: Partial<Request> = {}): Request => ({
    action,
    resource: `arn:aws:s3:::${bucket}/awst/baseline.tfstate`,
    resourcePolicy: policy,
    ...extra,
  });
  const onBucket = (action: string): Request => ({
    action,
    resource: `arn:aws:s3:::${bucket}`,
    resourcePolicy: policy,
  });

  it('developers (PowerUserAccess, s3:*) can neither read, overwrite nor delete state', async () => {
    for (const action of [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:DeleteObject',
      's3:DeleteObjectVersion',
    ]) {
      expect(await asRole(iam, 'DeveloperAccess', object(action)), action).toBe('ExplicitlyDenied');
    }
  });

  it("developers cannot change the bucket's policy, public access block or versioning, nor delete it", async () => {
    for (const action of [
      's3:PutBucketPolicy',
      's3:DeleteBucketPolicy',
      's3:PutBucketPublicAccessBlock',
      's3:PutBucketVersioning',
      's3:DeleteBucket',
    ]) {
      expect(await asRole(iam, 'DeveloperAccess', onBucket(action)), action).toBe('ExplicitlyDenied');
    }
  });

  it('with the seed bucket policy a developer could overwrite the state', async () => {
    expect(
      await asRole(
        iam,
        'DeveloperAccess',
        object('s3:PutObject', { resourcePolicy: SEED_STATE_BUCKET_POLICY(bucket) }),
      ),
    ).toBe('Allowed');
  });

  it('the admin role (Terraform) reads and writes state and manages the bucket', async () => {
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
      expect(await asRole(iam, 'AdminAccess', object(action)), action).toBe('Allowed');
    }
    expect(await asRole(iam, 'AdminAccess', onBucket('s3:PutBucketPolicy'))).toBe('Allowed');
    expect(await asRoot(object('s3:PutObject'))).not.toBe('ExplicitlyDenied');
  });

  it('refuses plain HTTP even to the admin role', async () => {
    expect(
      await asRole(
        iam,
        'AdminAccess',
        object('s3:GetObject', { context: { 'aws:SecureTransport': 'false' } }),
      ),
    ).toBe('ExplicitlyDenied');
  });

  it('users (even with MFA) have no S3 access of their own', async () => {
    expect(await user(FRESH, object('s3:GetObject'))).not.toBe('Allowed');
  });
});

describe('the CloudTrail bucket', () => {
  const bucket = iam.bucketName('cloudtrail');
  const policy = iam.bucketPolicy(bucket);
  const logFile = `arn:aws:s3:::${bucket}/AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/26/x.json.gz`;
  const request = (action: string, resource = logFile): Request => ({
    action,
    resource,
    resourcePolicy: policy,
  });

  it('no developer can delete log files or loosen the bucket', async () => {
    expect(await asRole(iam, 'DeveloperAccess', request('s3:DeleteObject'))).toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'DeveloperAccess', request('s3:DeleteObjectVersion'))).toBe('ExplicitlyDenied');
    expect(
      await asRole(iam, 'DeveloperAccess', request('s3:PutBucketPolicy', `arn:aws:s3:::${bucket}`)),
    ).toBe('ExplicitlyDenied');
    expect(
      await asRole(iam, 'DeveloperAccess', request('s3:PutLifecycleConfiguration', `arn:aws:s3:::${bucket}`)),
    ).toBe('ExplicitlyDenied');
  });

  it('only CloudTrail, for this trail, writes log files: no developer, not the admin role, not root forges one', async () => {
    const trail = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/awst-audit';
    const write = (extra: Partial<Request> = {}) => ({
      ...request('s3:PutObject'),
      context: { 's3:x-amz-acl': 'bucket-owner-full-control' },
      ...extra,
    });
    expect(await asService('cloudtrail.amazonaws.com', trail, write())).toBe('Allowed');
    expect(
      await asService('cloudtrail.amazonaws.com', `${trail.slice(0, -10)}other-trail`, write()),
    ).not.toBe('Allowed');
    for (const action of ['s3:PutObject', 's3:PutObjectAcl', 's3:PutObjectTagging']) {
      expect(await asRole(iam, 'DeveloperAccess', request(action)), action).toBe('ExplicitlyDenied');
      expect(await asRole(iam, 'AdminAccess', request(action)), action).toBe('ExplicitlyDenied');
    }
    expect(await asRoot(request('s3:PutObject'))).toBe('ExplicitlyDenied');
    expect(await user(FRESH, request('s3:PutObject'))).not.toBe('Allowed');
  });

  it('log files are deleted by the account root only; the admin role keeps managing the bucket', async () => {
    expect(await asRole(iam, 'AdminAccess', request('s3:DeleteObject'))).toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'AdminAccess', request('s3:DeleteObjectVersion'))).toBe('ExplicitlyDenied');
    expect(await asRoot(request('s3:DeleteObjectVersion'))).not.toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'AdminAccess', request('s3:PutBucketPolicy', `arn:aws:s3:::${bucket}`))).toBe(
      'Allowed',
    );
    expect(await asRole(iam, 'AdminAccess', request('s3:GetObject'))).toBe('Allowed');
  });

  it('the access-log bucket: only S3 logging of the trail bucket writes, developers delete nothing', async () => {
    const logs = iam.bucketName('cloudtrail-access-logs');
    const logsPolicy = iam.bucketPolicy(logs);
    const file = (action: string): Request => ({
      action,
      resource: `arn:aws:s3:::${logs}/cloudtrail/2026-11-26-00-00-00-X`,
      resourcePolicy: logsPolicy,
    });
    expect(await asService('logging.s3.amazonaws.com', `arn:aws:s3:::${bucket}`, file('s3:PutObject'))).toBe(
      'Allowed',
    );
    expect(await asRole(iam, 'DeveloperAccess', file('s3:PutObject'))).toBe('ExplicitlyDenied');
    expect(await asRole(iam, 'DeveloperAccess', file('s3:DeleteObject'))).toBe('ExplicitlyDenied');
  });
});

/**
 * Every guard a developer must not undo. For each: DeveloperAccess (AWS's real PowerUserAccess + the baseline's
 * denies) is explicitly denied; the same role without the guard deny would be allowed (or is not, for IAM
 * actions PowerUserAccess never grants: then the explicit deny is what the test sees); a user with MFA gets
 * nothing; AdminAccess keeps the right.
 */
const REGION_ARN = 'eu-west-1:123456789012';
const developer = (request: Request) => asRole(iam, 'DeveloperAccess', request);
const unguardedPolicies = iam
  .rolePolicies('DeveloperAccess')
  .filter((p) => p.name !== 'DenyAuditAndGuardChanges');
const unguardedDeveloper = (request: Request) => asRoleWith(unguardedPolicies, 'DeveloperAccess', request);
const adminRole = (request: Request) => asRole(iam, 'AdminAccess', request);

async function expectGuarded(request: Request, powerUserWouldBeAllowed = true) {
  const label = `${request.action} on ${request.resource}`;
  expect(await developer(request), label).toBe('ExplicitlyDenied');
  expect(await unguardedDeveloper(request), `${label} without the guard deny`).toBe(
    powerUserWouldBeAllowed ? 'Allowed' : 'ImplicitlyDenied',
  );
  expect(await user(FRESH, request), `${label} by a user with MFA`).not.toBe('Allowed');
  expect(await adminRole(request), `${label} by AdminAccess`).toBe('Allowed');
}

describe('DeveloperAccess cannot switch the audit off; AdminAccess can manage it', () => {
  it('the trail: no StopLogging, DeleteTrail, UpdateTrail (re-target, other key), event or insight selectors', async () => {
    const trail = `arn:aws:cloudtrail:${REGION_ARN}:trail/awst-audit`;
    for (const action of [
      'cloudtrail:StopLogging',
      'cloudtrail:DeleteTrail',
      'cloudtrail:UpdateTrail',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:PutInsightSelectors',
    ]) {
      await expectGuarded({ action, resource: trail });
    }
    expect(await developer({ action: 'cloudtrail:LookupEvents', resource: '*' })).toBe('Allowed');
    expect(
      await developer({
        action: 'cloudtrail:StopLogging',
        resource: `arn:aws:cloudtrail:${REGION_ARN}:trail/mine`,
      }),
    ).toBe('Allowed');
  });

  it('the audit key: only the admin role (and root) administers it; developers may still read logs with it', async () => {
    const keyPolicy = iam.keyPolicy('awst audit');
    const key = (action: string): Request => ({
      action,
      resource: `arn:aws:kms:${REGION_ARN}:key/0b2c9a52-0000-4000-8000-000000000000`,
      resourcePolicy: keyPolicy,
    });
    const withoutKeyDeny = {
      ...keyPolicy,
      Statement: keyPolicy.Statement.filter(
        (st: { Sid?: string }) => st.Sid !== 'DenyKeyAdministrationToAllButAuditAdmins',
      ),
    };
    for (const action of [
      'kms:PutKeyPolicy',
      'kms:ScheduleKeyDeletion',
      'kms:DisableKey',
      'kms:DisableKeyRotation',
      'kms:ImportKeyMaterial',
    ]) {
      expect(await developer(key(action)), action).toBe('ExplicitlyDenied');
      expect(
        await asRole(iam, 'DeveloperAccess', { ...key(action), resourcePolicy: withoutKeyDeny }),
        action,
      ).toBe('Allowed');
      expect(await adminRole(key(action)), action).toBe('Allowed');
      expect(await asRoot(key(action)), action).not.toBe('ExplicitlyDenied');
    }
    expect(await developer(key('kms:Decrypt'))).toBe('Allowed');
  });

  it('the log group: not deleted, emptied, shortened, re-keyed or stripped of its metric filters', async () => {
    const group = `arn:aws:logs:${REGION_ARN}:log-group:/awst/cloudtrail`;
    for (const action of [
      'logs:DeleteLogGroup',
      'logs:PutRetentionPolicy',
      'logs:DeleteMetricFilter',
      'logs:PutMetricFilter',
      'logs:DisassociateKmsKey',
      'logs:PutDataProtectionPolicy',
    ]) {
      await expectGuarded({ action, resource: group });
    }
    await expectGuarded({ action: 'logs:DeleteLogStream', resource: `${group}:log-stream:x` });
    expect(
      await developer({
        action: 'logs:DeleteLogGroup',
        resource: `arn:aws:logs:${REGION_ARN}:log-group:/app/mine`,
      }),
    ).toBe('Allowed');
  });

  it('the alarms and their topic: not deleted, silenced, re-pointed or unsubscribed', async () => {
    const alarm = `arn:aws:cloudwatch:${REGION_ARN}:alarm:awst-cis-4.3-root-usage`;
    for (const action of [
      'cloudwatch:DeleteAlarms',
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:DisableAlarmActions',
      'cloudwatch:SetAlarmState',
    ]) {
      await expectGuarded({ action, resource: alarm });
    }
    const topic = `arn:aws:sns:${REGION_ARN}:awst-security-alarms`;
    for (const action of ['sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:RemovePermission']) {
      await expectGuarded({ action, resource: topic });
    }
    await expectGuarded({ action: 'sns:Unsubscribe', resource: topic });
    expect(
      await developer({
        action: 'cloudwatch:DeleteAlarms',
        resource: `arn:aws:cloudwatch:${REGION_ARN}:alarm:my-app`,
      }),
    ).toBe('Allowed');
  });
});

describe("DeveloperAccess cannot undo the account's guards; AdminAccess can", () => {
  it('the account-wide S3 Block Public Access (PutAccountPublicAccessBlock is also what deleting it needs)', async () => {
    await expectGuarded({ action: 's3:PutAccountPublicAccessBlock', resource: '*' });
  });

  it('the password policy and the account alias (PowerUserAccess grants no IAM writes; the deny holds whatever is attached)', async () => {
    for (const action of [
      'iam:UpdateAccountPasswordPolicy',
      'iam:DeleteAccountPasswordPolicy',
      'iam:CreateAccountAlias',
      'iam:DeleteAccountAlias',
    ]) {
      await expectGuarded({ action, resource: '*' }, false);
    }
  });

  it('EBS encryption by default: not switched off or pointed at another key', async () => {
    for (const action of [
      'ec2:DisableEbsEncryptionByDefault',
      'ec2:ModifyEbsDefaultKmsKeyId',
      'ec2:ResetEbsDefaultKmsKeyId',
    ]) {
      await expectGuarded({ action, resource: '*' });
    }
  });

  it('the access analyzer: not deleted, its findings not archived', async () => {
    const analyzer = `arn:aws:access-analyzer:${REGION_ARN}:analyzer/awst-account`;
    for (const action of [
      'access-analyzer:DeleteAnalyzer',
      'access-analyzer:UpdateFindings',
      'access-analyzer:ApplyArchiveRule',
    ]) {
      await expectGuarded({ action, resource: analyzer });
    }
    for (const action of ['access-analyzer:CreateArchiveRule', 'access-analyzer:UpdateArchiveRule']) {
      await expectGuarded({ action, resource: `${analyzer}/archive-rule/hide-all` });
    }
  });

  it('AWS Config, when its switch is on: the recorder is not stopped, deleted or re-pointed', async () => {
    const withConfig = new SynthesizedIam(synthBaseline({ configRecorder: { enabled: true } }));
    for (const action of [
      'config:StopConfigurationRecorder',
      'config:DeleteConfigurationRecorder',
      'config:PutConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'config:PutDeliveryChannel',
    ]) {
      const request = { action, resource: '*' };
      expect(await asRole(withConfig, 'DeveloperAccess', request), action).toBe('ExplicitlyDenied');
      expect(await asRole(withConfig, 'AdminAccess', request), action).toBe('Allowed');
      // Off (the default), nothing to guard: the deny is not there.
      expect(await developer(request), action).toBe('Allowed');
    }
  });
});

describe('no way into privileged roles', () => {
  const identityOnly = (arn: string): Request => ({ action: 'sts:AssumeRole', resource: arn });

  it('DeveloperAccess may not assume AdminAccess or OrganizationAccountAccessRole, in any account', async () => {
    for (const arn of [
      roleArn('AdminAccess'),
      roleArn('OrganizationAccountAccessRole'),
      'arn:aws:iam::210987654321:role/OrganizationAccountAccessRole',
      'arn:aws:iam::210987654321:role/AdminAccess',
    ]) {
      await expectGuarded(identityOnly(arn));
    }
    // By design: other roles that trust the account stay reachable (see the README's threat model).
    expect(await developer(identityOnly(roleArn('app-deployer')))).toBe('Allowed');
  });
});

describe('the network deny covers what it promised', () => {
  it('traffic mirroring, Client VPN, Instance Connect endpoints, Verified Access and flow-log deletion', async () => {
    for (const action of [
      'ec2:CreateTrafficMirrorSession',
      'ec2:CreateTrafficMirrorTarget',
      'ec2:CreateClientVpnEndpoint',
      'ec2:AuthorizeClientVpnIngress',
      'ec2:AssociateClientVpnTargetNetwork',
      'ec2:CreateInstanceConnectEndpoint',
      'ec2:CreateVerifiedAccessEndpoint',
      'ec2:ModifyVerifiedAccessEndpointPolicy',
      'ec2:DeleteFlowLogs',
    ]) {
      const request = { action, resource: '*' };
      expect(await developer(request), action).toBe('ExplicitlyDenied');
      expect(await user(FRESH, request), action).not.toBe('Allowed');
      expect(await adminRole(request), action).toBe('Allowed');
    }
    for (const action of ['ec2:DescribeTrafficMirrorSessions', 'ec2:CreateFlowLogs', 'ec2:RunInstances']) {
      expect(await developer({ action, resource: '*' }), action).toBe('Allowed');
    }
  });
});
