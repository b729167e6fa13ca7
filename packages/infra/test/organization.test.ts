import { describe, expect, it } from 'vitest';
import { settings } from '../src/settings.js';
import { type Json, refOf, resources, synthOrganization } from './helpers.js';

const ORG = {
  ...settings.organization,
  enabled: true,
  resourceAccounts: [
    { name: 'dev', accountId: '111111111111' },
    { name: 'prod', accountId: '222222222222' },
  ],
};
const json = synthOrganization({ organization: ORG });
const PARTITION = `\${data.aws_partition.partition.partition}`;
const USERS = `\${data.aws_caller_identity.users-account.account_id}`;
const policy = (r: Json) => JSON.parse(r.policy ?? r.assume_role_policy);

describe('organization settings', () => {
  it('are off by default, with no placeholder accounts', () => {
    expect(settings.organization.enabled).toBe(false);
    expect(settings.organization.resourceAccounts).toEqual([]);
  });

  it('refuse to synthesize enabled without accounts, or with a bad id, name or region', () => {
    expect(() => synthOrganization({ organization: { ...ORG, resourceAccounts: [] } })).toThrow(
      /at least one resource account/,
    );
    const bad = (account: Json) => () =>
      synthOrganization({ organization: { ...ORG, resourceAccounts: [account] } });
    expect(bad({ name: 'dev', accountId: '42' })).toThrow(/accountId must be 12 digits/);
    expect(bad({ name: 'my acct', accountId: '111111111111' })).toThrow(/bad account name "my acct"/);
    expect(bad({ name: 'dev', accountId: '111111111111', region: 'Mars' })).toThrow(/region "Mars"/);
  });

  it('use the partition of the account region for the Terraform role', () => {
    const cn = synthOrganization({
      organization: {
        ...ORG,
        resourceAccounts: [{ name: 'cn', accountId: '111111111111', region: 'cn-north-1' }],
      },
    });
    expect(cn.provider.aws[1].assume_role[0].role_arn).toBe(
      'arn:aws-cn:iam::111111111111:role/OrganizationAccountAccessRole',
    );
  });
});

describe('organization stack (1+1+n)', () => {
  it('has a default provider for the users account and one alias per resource account', () => {
    const providers = json.provider.aws;
    expect(providers).toHaveLength(1 + ORG.resourceAccounts.length);
    expect(providers[0].alias).toBeUndefined();
    expect(providers.slice(1)).toEqual([
      expect.objectContaining({
        alias: 'dev',
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [
          {
            role_arn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
            session_name: 'awst-terraform',
          },
        ],
      }),
      expect.objectContaining({
        alias: 'prod',
        assume_role: [
          expect.objectContaining({
            role_arn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
          }),
        ],
      }),
    ]);
  });

  it('keeps users and groups in the users account (default provider)', () => {
    for (const type of ['aws_iam_user', 'aws_iam_group', 'aws_iam_group_policy', 'aws_iam_policy']) {
      for (const r of resources(json, type)) expect(r.provider, type).toBeUndefined();
    }
    expect(
      resources(json, 'aws_iam_user')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['admin', 'user']);
  });

  it('creates both roles in every resource account, trusting the users account with MFA', () => {
    const roles = resources(json, 'aws_iam_role').filter((r) => r.provider);
    expect(roles).toHaveLength(4);
    for (const account of ['dev', 'prod']) {
      for (const [name, duration] of [
        ['AdminAccess', 3600],
        ['DeveloperAccess', 14400],
      ] as const) {
        const role = roles.find((r) => r.name === name && r.provider === `aws.${account}`);
        expect(role.max_session_duration).toBe(duration);
        expect(policy(role).Statement[0]).toEqual({
          Sid: 'AllowIamUsersWithFreshMfa',
          Effect: 'Allow',
          Principal: { AWS: `arn:${PARTITION}:iam::${USERS}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': String(duration) },
            ArnLike: { 'aws:PrincipalArn': `arn:${PARTITION}:iam::${USERS}:user/*` },
          },
        });
      }
    }
    for (const a of resources(json, 'aws_iam_role_policy_attachment')) expect(a.provider).toMatch(/^aws\./);
    expect(json.resource.aws_iam_policy_attachment).toBeUndefined();
  });

  it('lets the groups assume the role in each account', () => {
    const group = (name: string) => refOf(json, 'aws_iam_group', (g) => g.name === name, 'name');
    const roleArn = (name: string, account: string) =>
      refOf(json, 'aws_iam_role', (r) => r.name === name && r.provider === `aws.${account}`, 'arn');
    const statement = (g: string) =>
      policy(resources(json, 'aws_iam_group_policy').find((p) => p.group === group(g))).Statement[0];
    expect(statement('Admins').Resource).toEqual([
      roleArn('AdminAccess', 'dev'),
      roleArn('AdminAccess', 'prod'),
    ]);
    expect(statement('Developers').Resource).toEqual([
      roleArn('DeveloperAccess', 'dev'),
      roleArn('DeveloperAccess', 'prod'),
    ]);
  });

  it('sets password policy and alias in every account', () => {
    expect(resources(json, 'aws_iam_account_password_policy')).toHaveLength(3);
    expect(resources(json, 'aws_iam_account_alias').map((a) => a.account_alias)).toEqual([
      'awst-111111111111',
      'awst-222222222222',
      `awst-${USERS}`,
    ]);
  });

  it('outputs a config.toml listing every resource account', () => {
    const accounts = [
      { name: 'dev', accountId: '111111111111' },
      {
        name: 'eu-prod',
        accountId: '333333333333',
        region: 'eu-central-1',
        roleArnForTerraform: 'arn:aws:iam::333333333333:role/Tf',
      },
    ];
    const custom = synthOrganization({
      organization: { ...ORG, resourceAccounts: accounts },
    });
    const value: string = custom.output.awst_config.value;
    expect(value).toContain(
      '[accounts]\\ndev = \\"%s\\"\\neu-prod = { id = \\"%s\\", region = \\"eu-central-1\\" }\\n',
    );
    expect(value).toMatch(/, "111111111111", "333333333333"\)\}$/);
    expect(custom.provider.aws[2]).toMatchObject({
      region: 'eu-central-1',
      assume_role: [expect.objectContaining({ role_arn: 'arn:aws:iam::333333333333:role/Tf' })],
    });
  });

  it('can put a core VPC into a resource account', () => {
    const withVpc = synthOrganization({
      organization: {
        ...ORG,
        resourceAccounts: [{ name: 'dev', accountId: '111111111111', coreVpc: true }],
      },
    });
    const vpcs = resources(withVpc, 'aws_vpc');
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0].provider).toBe('aws.dev');
  });

  it("every resource account's developer role may not assume privileged roles or undo the account's guards", () => {
    for (const account of ['dev', 'prod']) {
      const developer = refOf(
        json,
        'aws_iam_role',
        (r) => r.name === 'DeveloperAccess' && r.provider === `aws.${account}`,
        'name',
      );
      const guard = resources(json, 'aws_iam_role_policy').find(
        (p) => p.role === developer && p.name === 'DenyAuditAndGuardChanges',
      );
      const statements = policy(guard).Statement;
      expect(statements[0]).toEqual({
        Sid: 'DenyAssumingPrivilegedRoles',
        Effect: 'Deny',
        Action: 'sts:AssumeRole',
        Resource: [
          `arn:${PARTITION}:iam::*:role/AdminAccess`,
          `arn:${PARTITION}:iam::*:role/OrganizationAccountAccessRole`,
        ],
      });
      expect(statements[1].Action).toContain('s3:PutAccountPublicAccessBlock');
      expect(statements.map((st: Json) => st.Sid)).toContain('DenyAccessAnalyzerChanges');
    }
    const analyzers = resources(json, 'aws_accessanalyzer_analyzer').map((a) => a.provider ?? 'users');
    expect(analyzers.sort()).toEqual(['aws.dev', 'aws.prod', 'users']);
  });

  it('the users account holds the trail, its key, log group and alarms', () => {
    expect(resources(json, 'aws_cloudtrail')).toHaveLength(1);
    expect(resources(json, 'aws_kms_key')).toHaveLength(1);
    expect(resources(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(15);
    for (const type of ['aws_cloudtrail', 'aws_kms_key', 'aws_cloudwatch_metric_alarm']) {
      expect(
        resources(json, type).every((r) => r.provider === undefined),
        type,
      ).toBe(true);
    }
  });
});
