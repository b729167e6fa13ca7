import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synth } from '../src/main.js';
import { ALLOWED_WITH_KEY_ONLY } from '../src/policies.js';
import { NETWORK_CHANGE_ACTIONS } from '../src/settings/network-actions.js';
import { withOverrides } from '../src/settings/overrides.js';
import { resolveRegion } from '../src/settings/region.js';
import { settings } from '../src/settings.js';
import { actionMatches, defaultAwstConfig, type Json, refOf, resources, synthBaseline } from './helpers.js';

const json = synthBaseline();
const policy = (r: Json) => JSON.parse(r.policy ?? r.assume_role_policy);
const role = (name: string) => resources(json, 'aws_iam_role').find((r) => r.name === name);
const roleRef = (name: string) => refOf(json, 'aws_iam_role', (r) => r.name === name, 'name');
const groupRef = (name: string) => refOf(json, 'aws_iam_group', (r) => r.name === name, 'name');
const ACCOUNT = `\${data.aws_caller_identity.current.account_id}`;
const PARTITION = `\${data.aws_partition.partition.partition}`;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

describe('synth output', () => {
  it('writes cdktf.out/stacks/<stack>/cdk.tf.json without any absolute path of the machine', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'awst-synth-'));
    try {
      synth(settings, outdir);
      const files = listFiles(outdir);
      expect(files.map((f) => path.relative(outdir, f))).toEqual(
        expect.arrayContaining([path.join('stacks', 'baseline', 'cdk.tf.json')]),
      );
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const forbidden of [outdir, process.cwd(), homedir(), '/work/', '/tmp/', '/home/', '/root/']) {
          expect(text, `${file} contains ${forbidden}`).not.toContain(forbidden);
        }
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('uses an explicit local backend with a relative path', () => {
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.baseline.tfstate' } });
  });

  it('produces an S3 backend with use_lockfile when configured', () => {
    const s3 = synthBaseline({ stateBackend: { bucket: 'terraform-state-123456789012' } });
    expect(s3.terraform.backend).toEqual({
      s3: {
        bucket: 'terraform-state-123456789012',
        key: 'awst/baseline.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it('configures the provider from the environment: region only, no profile, default tags', () => {
    expect(json.provider.aws).toHaveLength(1);
    const provider = json.provider.aws[0];
    expect(provider.region).toBe('eu-west-1');
    expect(provider.profile).toBeUndefined();
    expect(provider.default_tags[0].tags).toEqual({ Project: 'awst', ManagedBy: 'terraform' });
    expect(JSON.stringify(json)).not.toMatch(/"profile"/);
  });

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION, else the setting (eu-west-1)', () => {
    expect(settings.region).toBe('eu-west-1');
    expect(resolveRegion(settings, {})).toBe('eu-west-1');
    expect(resolveRegion(settings, { AWS_DEFAULT_REGION: 'us-east-2' })).toBe('us-east-2');
    expect(resolveRegion(settings, { AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'us-east-2' })).toBe(
      'eu-north-1',
    );
  });
});

describe('users and groups', () => {
  it('creates admin and user with force_destroy on by default', () => {
    expect(settings.forceDestroyUsers).toBe(true);
    const users = resources(json, 'aws_iam_user');
    expect(users.map((u) => u.name).sort()).toEqual(['admin', 'user']);
    for (const u of users) expect(u.force_destroy).toBe(true);
  });

  it('can turn force_destroy off (emulator only)', () => {
    const off = synthBaseline({ forceDestroyUsers: false });
    for (const u of resources(off, 'aws_iam_user')) expect(u.force_destroy).toBe(false);
  });

  it('puts admin in Admins and Developers, user in Developers', () => {
    expect(
      resources(json, 'aws_iam_group')
        .map((g) => g.name)
        .sort(),
    ).toEqual(['Admins', 'Developers']);
    const memberships = resources(json, 'aws_iam_user_group_membership');
    const byUser = (name: string) =>
      memberships.find((m) => m.user === refOf(json, 'aws_iam_user', (u) => u.name === name, 'name'));
    expect(byUser('admin').groups).toEqual([groupRef('Admins'), groupRef('Developers')]);
    expect(byUser('user').groups).toEqual([groupRef('Developers')]);
  });

  it('supports configurable users', () => {
    const custom = synthBaseline({ users: [{ name: 'alice', groups: ['Admins'] }] });
    expect(resources(custom, 'aws_iam_user').map((u) => u.name)).toEqual(['alice']);
    expect(() => withOverrides({ users: [{ name: 'bob', groups: [] }] })).toThrow(/no group/);
    expect(() => withOverrides({ users: [{ name: 'bob', groups: ['Nope'] }] })).toThrow(/unknown group/);
  });

  it('never uses aws_iam_policy_attachment', () => {
    expect(json.resource.aws_iam_policy_attachment).toBeUndefined();
    const org = JSON.stringify(json);
    expect(org).not.toContain('"aws_iam_policy_attachment"');
  });
});

describe('self-service and deny-without-MFA policies (decisions: iam-decisions.test.ts)', () => {
  const named = (name: string) => refOf(json, 'aws_iam_policy', (p) => p.name === name, 'arn');
  const attachedTo = (arn: string) =>
    resources(json, 'aws_iam_group_policy_attachment')
      .filter((a) => a.policy_arn === arn)
      .map((a) => a.group)
      .sort();

  it('attaches both to both groups with aws_iam_group_policy_attachment', () => {
    const both = [groupRef('Admins'), groupRef('Developers')].sort();
    expect(attachedTo(named('SelfService'))).toEqual(both);
    expect(attachedTo(named('BlockMostAccessUnlessSignedInWithMFA'))).toEqual(both);
  });

  it('tells a key alone (Null) from a console session without MFA (Bool false)', () => {
    const deny = policy(
      resources(json, 'aws_iam_policy').find((p) => p.name === 'BlockMostAccessUnlessSignedInWithMFA'),
    );
    const conditions = deny.Statement.map((st: Json) => st.Condition);
    expect(conditions).toEqual([
      { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
      { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    ]);
    expect(deny.Statement[0].NotAction).toEqual([...ALLOWED_WITH_KEY_ONLY, 'sts:AssumeRole']);
  });

  it('uses the self-service MFA age setting', () => {
    const custom = synthBaseline({ selfServiceMfaMaxAgeSeconds: 1800 });
    const doc = policy(resources(custom, 'aws_iam_policy').find((p) => p.name === 'SelfService'));
    const keys = doc.Statement.find((st: Json) => st.Sid === 'AllowManageOwnAccessKeysWithMFA');
    expect(keys.Condition.NumericLessThan).toEqual({ 'aws:MultiFactorAuthAge': '1800' });
  });

  it('the deny can be switched off', () => {
    const off = synthBaseline({ denyWithoutMfa: false });
    expect(resources(off, 'aws_iam_policy').map((p) => p.name)).toEqual(['SelfService']);
  });
});

describe('roles', () => {
  it('AdminAccess: AdministratorAccess, 1 h sessions, MFA younger than 1 h, trusts the account root', () => {
    const admin = role('AdminAccess');
    expect(admin.max_session_duration).toBe(3600);
    expect(policy(admin).Statement).toEqual([
      {
        Sid: 'AllowIamUsersWithFreshMfa',
        Effect: 'Allow',
        Principal: { AWS: `arn:${PARTITION}:iam::${ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          ArnLike: { 'aws:PrincipalArn': `arn:${PARTITION}:iam::${ACCOUNT}:user/*` },
        },
      },
    ]);
    const attachments = resources(json, 'aws_iam_role_policy_attachment').filter(
      (a) => a.role === roleRef('AdminAccess'),
    );
    expect(attachments.map((a) => a.policy_arn)).toEqual([
      `arn:${PARTITION}:iam::aws:policy/AdministratorAccess`,
    ]);
  });

  it('DeveloperAccess: PowerUser + IAMReadOnly, 4 h sessions, MFA younger than 4 h', () => {
    const dev = role('DeveloperAccess');
    expect(dev.max_session_duration).toBe(14400);
    expect(policy(dev).Statement[0].Condition).toMatchObject({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '14400' },
    });
    const attachments = resources(json, 'aws_iam_role_policy_attachment').filter(
      (a) => a.role === roleRef('DeveloperAccess'),
    );
    expect(attachments.map((a) => a.policy_arn).sort()).toEqual([
      `arn:${PARTITION}:iam::aws:policy/IAMReadOnlyAccess`,
      `arn:${PARTITION}:iam::aws:policy/PowerUserAccess`,
    ]);
  });

  it('DeveloperAccess denies network changes but not describes, and passing privileged roles', () => {
    const inline = resources(json, 'aws_iam_role_policy').find(
      (p) => p.role === roleRef('DeveloperAccess') && p.name === 'DenyNetworkChangesAndPrivilegedPassRole',
    );
    const [network, passRole] = policy(inline).Statement;
    expect(network).toMatchObject({ Sid: 'DenyNetworkChanges', Effect: 'Deny', Resource: '*' });
    expect(network.Action).toEqual([...NETWORK_CHANGE_ACTIONS]);
    const denied = (action: string) => network.Action.some((p: string) => actionMatches(p, action));
    for (const action of [
      'ec2:CreateVpc',
      'ec2:DeleteVpc',
      'ec2:ModifyVpcAttribute',
      'ec2:CreateSubnet',
      'ec2:ModifySubnetAttribute',
      'ec2:AttachInternetGateway',
      'ec2:CreateNatGateway',
      'ec2:CreateRoute',
      'ec2:ReplaceRouteTableAssociation',
      'ec2:CreateNetworkAclEntry',
      'ec2:CreateVpnConnection',
      'ec2:CreateTransitGatewayVpcAttachment',
      'ec2:AcceptVpcPeeringConnection',
      'ec2:CreateVpcPeeringConnection',
      'ec2:AssociateDhcpOptions',
    ]) {
      expect(denied(action), action).toBe(true);
    }
    for (const action of [
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
      'ec2:RunInstances',
      'ec2:CreateSecurityGroup',
    ]) {
      expect(denied(action), action).toBe(false);
    }
    expect(passRole).toEqual({
      Sid: 'DenyPassPrivilegedRoles',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: [
        `arn:${PARTITION}:iam::${ACCOUNT}:role/AdminAccess`,
        `arn:${PARTITION}:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
      ],
    });
  });

  it('role settings are configurable', () => {
    const custom = synthBaseline({
      adminRole: {
        ...settings.adminRole,
        name: 'Root',
        maxSessionDurationSeconds: 7200,
        mfaMaxAgeSeconds: 600,
      },
    });
    const admin = resources(custom, 'aws_iam_role').find((r) => r.name === 'Root');
    expect(admin.max_session_duration).toBe(7200);
    expect(JSON.parse(admin.assume_role_policy).Statement[0].Condition.NumericLessThan).toEqual({
      'aws:MultiFactorAuthAge': '600',
    });
  });

  it('group policies let Admins assume AdminAccess and Developers DeveloperAccess', () => {
    const groupPolicies = resources(json, 'aws_iam_group_policy');
    const forGroup = (g: string) => policy(groupPolicies.find((p) => p.group === groupRef(g))).Statement;
    expect(forGroup('Admins')).toEqual([
      {
        Sid: 'AllowAssumeRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: [
          refOf(json, 'aws_iam_role', (r) => r.name === 'AdminAccess', 'arn'),
          refOf(json, 'aws_iam_role', (r) => r.name === 'SupportAccess', 'arn'),
        ],
      },
    ]);
    expect(forGroup('Developers')[0].Resource).toEqual([
      refOf(json, 'aws_iam_role', (r) => r.name === 'DeveloperAccess', 'arn'),
    ]);
  });
});

describe('account settings', () => {
  it('sets the password policy', () => {
    expect(resources(json, 'aws_iam_account_password_policy')).toEqual([
      expect.objectContaining({
        minimum_password_length: 32,
        require_lowercase_characters: true,
        require_uppercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        max_password_age: 90,
        password_reuse_prevention: 24,
        allow_users_to_change_password: true,
      }),
    ]);
  });

  it('sets the alias <prefix>-<account id> from the caller identity', () => {
    expect(json.data.aws_caller_identity).toBeDefined();
    expect(resources(json, 'aws_iam_account_alias')[0].account_alias).toBe(`awst-${ACCOUNT}`);
    const custom = synthBaseline({ accountAliasPrefix: 'acme' });
    expect(resources(custom, 'aws_iam_account_alias')[0].account_alias).toBe(`acme-${ACCOUNT}`);
  });
});

describe('state bucket', () => {
  const isState = (r: Json) => String(r.bucket).startsWith('terraform-state-');
  const bucketId = refOf(json, 'aws_s3_bucket', isState);
  const of = (type: string) => resources(json, type).find((r) => r.bucket === bucketId);

  it('is named after the account id', () => {
    expect(resources(json, 'aws_s3_bucket').filter(isState)[0].bucket).toBe(`terraform-state-${ACCOUNT}`);
  });

  it('is versioned, encrypted, private and owner-enforced', () => {
    expect(of('aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(of('aws_s3_bucket_server_side_encryption_configuration')).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(of('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(of('aws_s3_bucket_ownership_controls')).toMatchObject({
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies non-TLS access, and state access to all but the admin role, root and extra state admins', () => {
    const arn = refOf(json, 'aws_s3_bucket', isState, 'arn');
    const [tls, state] = policy(of('aws_s3_bucket_policy')).Statement;
    expect(tls).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(state.Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
      `arn:${PARTITION}:iam::${ACCOUNT}:role/AdminAccess`,
      `arn:${PARTITION}:iam::${ACCOUNT}:root`,
    ]);
    const extra = synthBaseline({
      stateBucket: { extraStateAdminArns: ['arn:aws:iam::123456789012:role/ci-deploy'] },
    });
    const extraPolicy = resources(extra, 'aws_s3_bucket_policy').map(policy);
    expect(JSON.stringify(extraPolicy)).toContain('role/ci-deploy');
  });
});

describe('account-wide protection and audit', () => {
  it('blocks S3 public access for the whole account', () => {
    expect(resources(json, 'aws_s3_account_public_access_block')).toEqual([
      expect.objectContaining({
        account_id: ACCOUNT,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ]);
  });

  it('records a multi-region CloudTrail with log-file validation into its own hardened bucket', () => {
    const [trail] = resources(json, 'aws_cloudtrail');
    expect(trail).toMatchObject({
      name: 'awst-audit',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
    });
    const bucketId = refOf(json, 'aws_s3_bucket', (b) => b.bucket === `cloudtrail-${ACCOUNT}`);
    expect(trail.s3_bucket_name).toBe(bucketId);
    for (const type of [
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_policy',
    ]) {
      expect(
        resources(json, type).some((r) => r.bucket === bucketId),
        type,
      ).toBe(true);
    }
    const trailPolicy = policy(resources(json, 'aws_s3_bucket_policy').find((r) => r.bucket === bucketId));
    const write = trailPolicy.Statement.find((st: Json) => st.Sid === 'AllowWriter');
    expect(write.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
    expect(write.Condition.ArnLike['aws:SourceArn']).toBe(
      `arn:${PARTITION}:cloudtrail:eu-west-1:${ACCOUNT}:trail/awst-audit`,
    );
  });

  it('can turn the trail off', () => {
    const off = synthBaseline({ auditTrail: { enabled: false } });
    expect(off.resource.aws_cloudtrail).toBeUndefined();
    expect(resources(off, 'aws_s3_bucket').map((b) => b.bucket)).toEqual([`terraform-state-${ACCOUNT}`]);
    // The log group and alarms stay (their own switch); the key then encrypts the log group only.
    expect(resources(off, 'aws_cloudwatch_log_group')).toHaveLength(1);
  });
});

describe('teardown order', () => {
  it('every other resource depends on the admin role and its policy, so a destroy removes them last', () => {
    const adminParts = Object.keys(json.resource.aws_iam_role)
      .filter((id) => json.resource.aws_iam_role[id].name === 'AdminAccess')
      .map((id) => `aws_iam_role.${id}`);
    const attachment = Object.entries(json.resource.aws_iam_role_policy_attachment).find(
      ([, a]: [string, Json]) => a.role === roleRef('AdminAccess'),
    )![0];
    const keep = [`aws_iam_role_policy_attachment.${attachment}`, ...adminParts];
    expect(adminParts).toHaveLength(1);
    let others = 0;
    for (const [type, byId] of Object.entries(json.resource) as [string, Json][]) {
      for (const [id, config] of Object.entries(byId) as [string, Json][]) {
        if (keep.includes(`${type}.${id}`)) continue;
        others++;
        expect(config.depends_on, `${type}.${id}`).toEqual(expect.arrayContaining(keep));
      }
    }
    expect(others).toBeGreaterThan(30);
  });
});

describe.skipIf(spawnSync('terraform', ['version']).status !== 0)('console sign-in URL per partition', () => {
  // Terraform evaluates the output's host expression with each partition in place of data.aws_partition.
  const hostExpression = /\.\$\{(lookup\(.*\))\}\/console$/.exec(
    json.output.console_sign_in_url.value as string,
  )![1]!;
  const expected: Record<string, string> = {
    aws: 'signin.aws.amazon.com',
    'aws-cn': 'signin.amazonaws.cn',
    'aws-us-gov': 'signin.amazonaws-us-gov.com',
  };
  for (const [partition, host] of Object.entries(expected)) {
    it(`${partition}: ${host}`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'awst-partition-'));
      try {
        const expression = hostExpression.replace('data.aws_partition.partition.partition', `"${partition}"`);
        const out = spawnSync('terraform', ['console'], {
          cwd: dir,
          input: `${expression}\n`,
          encoding: 'utf8',
        });
        expect(out.stdout.trim()).toBe(`"${host}"`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('outputs', () => {
  it('exports account id, sign-in URL and role ARNs', () => {
    expect(json.output.account_id.value).toBe(ACCOUNT);
    const alias = refOf(json, 'aws_iam_account_alias', () => true, 'account_alias');
    expect(json.output.console_sign_in_url.value).toMatch(
      new RegExp(
        `^https://\\$\\{${alias.slice(2, -1).replace(/\./g, '\\.')}\\}\\.\\$\\{lookup\\(.*, data\\.aws_partition\\.partition\\.partition, .*\\)\\}/console$`,
      ),
    );
    expect(json.output.admin_role_arn.value).toBe(
      refOf(json, 'aws_iam_role', (r) => r.name === 'AdminAccess', 'arn'),
    );
    expect(json.output.developer_role_arn.value).toBe(
      refOf(json, 'aws_iam_role', (r) => r.name === 'DeveloperAccess', 'arn'),
    );
  });

  it('exports awst_config: config.toml built with format() of the account id', () => {
    // As Terraform's format() template: quotes and line ends escaped, the account id as %s.
    const expected = defaultAwstConfig('eu-west-1', '%s').replaceAll('"', '\\"').replaceAll('\n', '\\n');
    expect(json.output.awst_config.value).toBe(`\${format("${expected}", ${ACCOUNT.slice(2, -1)})}`);
  });
});
