/**
 * End to end: apply `baseline` to moto_server with Terraform, read it back with the AWS CLI, destroy.
 */
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  addKeyAndMfa,
  createWorkspace,
  hasCommand,
  type Moto,
  startMoto,
  writeAwstConfig,
  writeMainKey,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth } from '../src/main.js';
import { forEmulator } from '../src/settings/emulator.js';
import { withOverrides } from '../src/settings/overrides.js';
import { settings } from '../src/settings.js';
import { defaultAwstConfig, type Json, tempOutdir, terraformEnv } from './helpers.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/**
 * What moto 5.2 cannot take is switched off by the infra package's emulator case (forEmulator, the same list
 * AWST_INFRA_EMULATOR=1 applies: the CloudTrail trail with its buckets and log role, the account-wide S3 Block
 * Public Access, force-destroying users and the IAM Access Analyzer; the synth tests assert the real
 * defaults). Flow logs, off by default, are switched on to apply them, and an alarm e-mail is set to apply the
 * subscription. The audit key, log group, CIS metric filters, alarms and topic are applied as they are by
 * default.
 */
const EMULATOR_OVERRIDES = {
  region: REGION,
  vpc: { flowLogs: true },
  monitoring: { alarmEmail: 'security@example.com' },
};

let moto: Moto | undefined;
let outdir: string;
let stackDir: string;
let env: NodeJS.ProcessEnv;
let endpoint: string;
let applied = false;

function terraform(...args: string[]): string {
  return execFileSync('terraform', [...args, '-no-color'], {
    cwd: stackDir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * apply and destroy run asynchronously: moto logs every request to its stderr, which this process drains, and
 * a synchronous run of hundreds of requests would fill the pipe and stall moto mid-apply.
 */
async function terraformAsync(...args: string[]): Promise<void> {
  await promisify(execFile)('terraform', [...args, '-no-color'], {
    cwd: stackDir,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function aws(...args: string[]): Json {
  const out = execFileSync('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {
    env,
    encoding: 'utf8',
  });
  return out.trim() ? JSON.parse(out) : {};
}

const available = ['terraform', 'moto_server', 'aws'].every((tool) => hasCommand(tool));

beforeAll(async () => {
  if (!available) return;
  moto = await startMoto();
  endpoint = moto.endpoint;
  env = terraformEnv({
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
  });
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;

  outdir = tempOutdir('awst-e2e-');
  synth(withOverrides(EMULATOR_OVERRIDES, forEmulator(settings).settings), outdir);
  stackDir = path.join(outdir, 'stacks', 'baseline');
  terraform('init', '-input=false');
  await terraformAsync('apply', '-auto-approve', '-input=false');
  applied = true;
}, 240_000);

afterAll(async () => {
  try {
    if (applied) await terraformAsync('destroy', '-auto-approve', '-input=false');
  } catch {
    // reported by the destroy test
  } finally {
    await moto?.stop();
    if (outdir) rmSync(path.dirname(outdir), { recursive: true, force: true });
  }
}, 240_000);

describe.skipIf(!available)('baseline on moto_server (needs terraform, moto_server, aws)', () => {
  it('creates the users in their groups', () => {
    const users = aws('iam', 'list-users').Users.map((u: Json) => u.UserName);
    expect(users.sort()).toEqual(['admin', 'user']);
    const members = (group: string) =>
      aws('iam', 'get-group', '--group-name', group)
        .Users.map((u: Json) => u.UserName)
        .sort();
    expect(members('Admins')).toEqual(['admin']);
    expect(members('Developers')).toEqual(['admin', 'user']);
  });

  it('attaches self-service and deny-without-MFA to both groups, and the assume-role group policies', () => {
    for (const group of ['Admins', 'Developers']) {
      const attached = aws('iam', 'list-attached-group-policies', '--group-name', group).AttachedPolicies;
      expect(attached.map((p: Json) => p.PolicyName).sort()).toEqual([
        'BlockMostAccessUnlessSignedInWithMFA',
        'SelfService',
      ]);
    }
    const adminsPolicy = aws(
      'iam',
      'get-group-policy',
      '--group-name',
      'Admins',
      '--policy-name',
      'AssumeAdminRoles',
    );
    expect(adminsPolicy.PolicyDocument.Statement[0].Resource).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/AdminAccess`,
      `arn:aws:iam::${ACCOUNT}:role/SupportAccess`,
    ]);
    const devPolicy = aws(
      'iam',
      'get-group-policy',
      '--group-name',
      'Developers',
      '--policy-name',
      'AssumeDeveloperRoles',
    );
    expect(devPolicy.PolicyDocument.Statement[0].Resource).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/DeveloperAccess`,
    ]);

    const selfServiceArn = `arn:aws:iam::${ACCOUNT}:policy/SelfService`;
    const version = aws('iam', 'get-policy', '--policy-arn', selfServiceArn).Policy.DefaultVersionId;
    const document = aws('iam', 'get-policy-version', '--policy-arn', selfServiceArn, '--version-id', version)
      .PolicyVersion.Document;
    const statements = typeof document === 'string' ? JSON.parse(decodeURIComponent(document)) : document;
    const keys = statements.Statement.find((s: Json) => s.Sid === 'AllowManageOwnAccessKeysWithMFA');
    // Terraform unescaped $${aws:username} into the IAM policy variable, and the partition came from data.
    expect(keys.Resource).toBe(`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`);
    expect(keys.Condition.Bool['aws:MultiFactorAuthPresent']).toBe('true');
    const deny = `arn:aws:iam::${ACCOUNT}:policy/BlockMostAccessUnlessSignedInWithMFA`;
    const denyVersion = aws('iam', 'get-policy', '--policy-arn', deny).Policy.DefaultVersionId;
    const denyDoc = aws('iam', 'get-policy-version', '--policy-arn', deny, '--version-id', denyVersion)
      .PolicyVersion.Document;
    const denyStatements = (typeof denyDoc === 'string' ? JSON.parse(decodeURIComponent(denyDoc)) : denyDoc)
      .Statement;
    expect(denyStatements[2].NotResource).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/AdminAccess`,
      `arn:aws:iam::${ACCOUNT}:role/SupportAccess`,
      `arn:aws:iam::${ACCOUNT}:role/DeveloperAccess`,
    ]);
  });

  it('creates the roles with session durations, MFA trust and policies', () => {
    const expectations = [
      ['AdminAccess', 3600, ['AdministratorAccess']],
      ['DeveloperAccess', 14400, ['IAMReadOnlyAccess', 'PowerUserAccess']],
      ['SupportAccess', 3600, ['AWSSupportAccess']],
    ] as const;
    for (const [name, duration, managed] of expectations) {
      const role = aws('iam', 'get-role', '--role-name', name).Role;
      expect(role.MaxSessionDuration).toBe(duration);
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': String(duration) },
            ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/*` },
          },
        }),
      ]);
      const attached = aws('iam', 'list-attached-role-policies', '--role-name', name).AttachedPolicies;
      expect(attached.map((p: Json) => p.PolicyName).sort()).toEqual([...managed]);
    }
    expect(aws('iam', 'list-role-policies', '--role-name', 'DeveloperAccess').PolicyNames.sort()).toEqual([
      'DenyAuditAndGuardChanges',
      'DenyAwstConfigChanges',
      'DenyNetworkChangesAndPrivilegedPassRole',
    ]);
    const guard = aws(
      'iam',
      'get-role-policy',
      '--role-name',
      'DeveloperAccess',
      '--policy-name',
      'DenyAuditAndGuardChanges',
    ).PolicyDocument;
    expect(guard.Statement[0]).toMatchObject({
      Sid: 'DenyAssumingPrivilegedRoles',
      Resource: ['arn:aws:iam::*:role/AdminAccess', 'arn:aws:iam::*:role/OrganizationAccountAccessRole'],
    });
  });

  it('sets the password policy and the account alias', () => {
    expect(aws('iam', 'get-account-password-policy').PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 32,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
    });
    expect(aws('iam', 'list-account-aliases').AccountAliases).toEqual([`awst-${ACCOUNT}`]);
  });

  it('builds the VPC: subnets per zone, NAT in public subnets, routes per zone', () => {
    const vpcId = JSON.parse(terraform('output', '-json', 'vpc_id'));
    const vpc = aws('ec2', 'describe-vpcs', '--vpc-ids', vpcId).Vpcs[0];
    expect(vpc.CidrBlock).toBe('10.0.0.0/16');
    expect(vpc.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'core' },
        { Key: 'Project', Value: 'awst' },
      ]),
    );

    const subnets: Json[] = aws(
      'ec2',
      'describe-subnets',
      '--filters',
      `Name=vpc-id,Values=${vpcId}`,
    ).Subnets;
    const tier = (s: Json) => s.Tags.find((t: Json) => t.Key === 'Tier')?.Value;
    const publicSubnets = subnets.filter((s) => tier(s) === 'public');
    const privateSubnets = subnets.filter((s) => tier(s) === 'private');
    expect(publicSubnets).toHaveLength(3);
    expect(privateSubnets).toHaveLength(3);
    const zones = new Set(publicSubnets.map((s) => s.AvailabilityZone));
    expect(zones.size).toBe(3);
    expect(new Set(privateSubnets.map((s) => s.AvailabilityZone))).toEqual(zones);

    const nats: Json[] = aws(
      'ec2',
      'describe-nat-gateways',
      '--filter',
      `Name=vpc-id,Values=${vpcId}`,
    ).NatGateways;
    expect(nats).toHaveLength(3);
    const publicIds = new Set(publicSubnets.map((s) => s.SubnetId));
    for (const nat of nats) expect(publicIds.has(nat.SubnetId)).toBe(true);
    expect(new Set(nats.map((n) => n.SubnetId)).size).toBe(3);

    const tables: Json[] = aws(
      'ec2',
      'describe-route-tables',
      '--filters',
      `Name=vpc-id,Values=${vpcId}`,
    ).RouteTables;
    const tableOf = (subnetId: string) =>
      tables.find((t) => t.Associations?.some((a: Json) => a.SubnetId === subnetId));
    const igwId = aws(
      'ec2',
      'describe-internet-gateways',
      '--filters',
      `Name=attachment.vpc-id,Values=${vpcId}`,
    ).InternetGateways[0].InternetGatewayId;
    for (const s of publicSubnets) {
      const defaultRoute = tableOf(s.SubnetId).Routes.find(
        (r: Json) => r.DestinationCidrBlock === '0.0.0.0/0',
      );
      expect(defaultRoute.GatewayId).toBe(igwId);
    }
    const privateTables = new Set<string>();
    for (const s of privateSubnets) {
      const table = tableOf(s.SubnetId);
      privateTables.add(table.RouteTableId);
      const natId = table.Routes.find((r: Json) => r.DestinationCidrBlock === '0.0.0.0/0').NatGatewayId;
      const nat = nats.find((n) => n.NatGatewayId === natId);
      const natZone = subnets.find((x) => x.SubnetId === nat.SubnetId).AvailabilityZone;
      expect(natZone).toBe(s.AvailabilityZone);
    }
    expect(privateTables.size).toBe(3);

    const sg = aws(
      'ec2',
      'describe-security-groups',
      '--filters',
      `Name=vpc-id,Values=${vpcId}`,
      'Name=group-name,Values=default',
    ).SecurityGroups[0];
    expect(sg.IpPermissions).toEqual([]);
    expect(sg.IpPermissionsEgress).toEqual([]);
  });

  it('sends VPC flow logs to their log group when the switch is on (off by default)', () => {
    const vpcId = JSON.parse(terraform('output', '-json', 'vpc_id'));
    const [flowLog] = aws(
      'ec2',
      'describe-flow-logs',
      '--filter',
      `Name=resource-id,Values=${vpcId}`,
    ).FlowLogs;
    expect(flowLog.TrafficType).toBe('ALL');
    expect(JSON.stringify(flowLog)).toContain('/vpc/core/flow-logs');
  });

  it('creates the private, versioned, encrypted, TLS-only state bucket', () => {
    const bucket = `terraform-state-${ACCOUNT}`;
    expect(aws('s3api', 'get-bucket-versioning', '--bucket', bucket).Status).toBe('Enabled');
    expect(
      aws('s3api', 'get-bucket-encryption', '--bucket', bucket).ServerSideEncryptionConfiguration.Rules[0]
        .ApplyServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(
      aws('s3api', 'get-public-access-block', '--bucket', bucket).PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(aws('s3api', 'get-bucket-ownership-controls', '--bucket', bucket).OwnershipControls.Rules).toEqual(
      [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    );
    const bucketPolicy = JSON.parse(aws('s3api', 'get-bucket-policy', '--bucket', bucket).Policy);
    expect(bucketPolicy.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(bucketPolicy.Statement[1].Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/AdminAccess`,
      `arn:aws:iam::${ACCOUNT}:root`,
    ]);
  });

  it('creates the audit key with rotation, administered only by Terraform principals', () => {
    const alias = aws('kms', 'list-aliases').Aliases.find((a: Json) => a.AliasName === 'alias/awst-audit');
    const keyId = alias.TargetKeyId;
    expect(aws('kms', 'get-key-rotation-status', '--key-id', keyId).KeyRotationEnabled).toBe(true);
    const keyPolicy = JSON.parse(
      aws('kms', 'get-key-policy', '--key-id', keyId, '--policy-name', 'default').Policy,
    );
    const deny = keyPolicy.Statement.find(
      (st: Json) => st.Sid === 'DenyKeyAdministrationToAllButAuditAdmins',
    );
    expect(deny.Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/AdminAccess`,
      `arn:aws:iam::${ACCOUNT}:root`,
    ]);
  });

  it('creates the audit log group, encrypted with the audit key, kept a year', () => {
    const keyArn = aws('kms', 'describe-key', '--key-id', 'alias/awst-audit').KeyMetadata.Arn;
    const [group] = aws(
      'logs',
      'describe-log-groups',
      '--log-group-name-prefix',
      '/awst/cloudtrail',
    ).logGroups;
    expect(group).toMatchObject({ logGroupName: '/awst/cloudtrail', retentionInDays: 365, kmsKeyId: keyArn });
  });

  it('creates a metric filter and an alarm per CIS 4.1-4.15 control, notifying the topic and its e-mail', () => {
    const filters = aws(
      'logs',
      'describe-metric-filters',
      '--log-group-name',
      '/awst/cloudtrail',
    ).metricFilters;
    expect(filters).toHaveLength(15);
    const root = filters.find((f: Json) => f.filterName === 'cis-4.3-root-usage');
    expect(root.filterPattern).toContain('$.userIdentity.type = "Root"');
    expect(root.metricTransformations[0]).toMatchObject({
      metricName: 'cis-4.3-root-usage',
      metricNamespace: 'CISBenchmark',
    });
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:awst-security-alarms`;
    const alarms = aws('cloudwatch', 'describe-alarms', '--alarm-name-prefix', 'awst-cis-').MetricAlarms;
    expect(alarms).toHaveLength(15);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topicArn]);
    const subscriptions = aws('sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn).Subscriptions;
    expect(subscriptions).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'security@example.com' }),
    ]);
  });

  it('turns on EBS encryption by default', () => {
    expect(aws('ec2', 'get-ebs-encryption-by-default').EbsEncryptionByDefault).toBe(true);
  });

  // The real defaults (trail, access logging, account-wide Block Public Access, Access Analyzer on) are
  // asserted by the synth tests (cis.test.ts).
  it('makes no CloudTrail trail on the emulator, where it is switched off', () => {
    expect(aws('cloudtrail', 'describe-trails').trailList).toEqual([]);
  });

  it('outputs the account, sign-in URL, role ARNs and a ready config.toml, also published in SSM', () => {
    const outputs = JSON.parse(terraform('output', '-json'));
    expect(outputs.account_id.value).toBe(ACCOUNT);
    expect(outputs.console_sign_in_url.value).toBe(`https://awst-${ACCOUNT}.signin.aws.amazon.com/console`);
    expect(outputs.admin_role_arn.value).toBe(`arn:aws:iam::${ACCOUNT}:role/AdminAccess`);
    expect(outputs.developer_role_arn.value).toBe(`arn:aws:iam::${ACCOUNT}:role/DeveloperAccess`);
    expect(outputs.awst_config.value).toBe(defaultAwstConfig(REGION, ACCOUNT));
    // The same text, published where a teammate's awst init reads it.
    expect(outputs.awst_config_parameter.value).toBe('/team/awst-config');
    const published = aws('ssm', 'get-parameter', '--name', '/team/awst-config').Parameter;
    expect(published).toMatchObject({ Type: 'String', Value: defaultAwstConfig(REGION, ACCOUNT) });
  });

  it("lets awst assume the built DeveloperAccess role, for the role's session limit", async () => {
    const user = await addKeyAndMfa(endpoint, 'user');
    const ws = createWorkspace(endpoint);
    writeMainKey(ws, user);
    writeAwstConfig(ws, JSON.parse(terraform('output', '-json')).awst_config.value);
    const direct = JSON.parse(terraform('output', '-json')).awst_config.value.replace(
      '[roles.DeveloperAccess]\n',
      '[roles.DeveloperAccess]\nmode = "direct"\n',
    );
    expect(direct).toContain('mode = "direct"');
    try {
      const assumed = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456']);
      expect(assumed.stderr).toContain('DeveloperAccess in main-account (123456789012) assumed');
      expect(assumed.code).toBe(0);
      expect(ws.callerArn('main-account DeveloperAccess', { AWS_DEFAULT_REGION: REGION })).toBe(
        `arn:aws:sts::${ACCOUNT}:assumed-role/DeveloperAccess/user`,
      );
      // direct mode asks for the role's full 4 hours, which the built role's max_session_duration allows.
      writeAwstConfig(ws, direct);
      const askedAt = Date.now();
      const full = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '654321', '--force']);
      expect(full.code, full.stderr).toBe(0);
      const [, hours, minutes] = /\((\d+)h (\d+)m\)/.exec(full.stderr) ?? [];
      const shown = Number(hours) * 60 + Number(minutes);
      expect(shown, full.stderr).toBeLessThanOrEqual(240);
      expect(shown).toBeGreaterThanOrEqual(238 - Math.floor((Date.now() - askedAt) / 60_000));
    } finally {
      // force_destroy is off on the emulator: remove what Terraform did not make.
      for (const key of aws('iam', 'list-access-keys', '--user-name', 'user').AccessKeyMetadata) {
        aws('iam', 'delete-access-key', '--user-name', 'user', '--access-key-id', key.AccessKeyId);
      }
      aws('iam', 'deactivate-mfa-device', '--user-name', 'user', '--serial-number', user.mfaSerial);
      aws('iam', 'delete-virtual-mfa-device', '--serial-number', user.mfaSerial);
    }
  });

  it('destroys everything', async () => {
    await terraformAsync('destroy', '-auto-approve', '-input=false');
    applied = false;
    expect(aws('iam', 'list-users').Users).toEqual([]);
    expect(aws('iam', 'list-roles').Roles.filter((r: Json) => r.RoleName.endsWith('Access'))).toEqual([]);
    expect(aws('iam', 'list-groups').Groups).toEqual([]);
    expect(aws('iam', 'list-policies', '--scope', 'Local').Policies).toEqual([]);
    expect(aws('ec2', 'describe-vpcs', '--filters', 'Name=tag:Project,Values=awst').Vpcs).toEqual([]);
    expect(aws('cloudwatch', 'describe-alarms', '--alarm-name-prefix', 'awst-cis-').MetricAlarms).toEqual([]);
    expect(aws('logs', 'describe-log-groups', '--log-group-name-prefix', '/awst/').logGroups).toEqual([]);
    expect(terraform('state', 'list').trim()).toBe('');
  }, 240_000);
});
