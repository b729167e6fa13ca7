import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { GroupedStack } from '../src/addresses.js';
import { AccountBaseline, type AccountBaselineProps } from '../src/constructs/account-baseline.js';
import { type Json, resourceIds, resources, testSettings } from './helpers.js';

const ACCOUNT = '111111111111';

/** One AccountBaseline alone in a stack (no users, no outputs): the construct's own spec. */
function synthAccount(props: Partial<AccountBaselineProps> = {}): Json {
  const stack = new GroupedStack(Testing.app(), 'spec');
  new AccountBaseline(stack, 'account', {
    settings: testSettings(),
    accountId: ACCOUNT,
    partition: 'aws',
    region: 'eu-west-1',
    coreVpc: false,
    idPrefix: 'dev-',
    ...props,
  });
  return JSON.parse(Testing.synth(stack));
}

const roleNames = (json: Json) => resources(json, 'aws_iam_role').map((r: Json) => r.name);
const sids = (json: Json, policyName: string) =>
  JSON.parse(
    resources(json, 'aws_iam_role_policy').find((p: Json) => p.name === policyName).policy,
  ).Statement.map((st: Json) => st.Sid);

describe('AccountBaseline', () => {
  it('without roles or audit: the account settings and guards only', () => {
    const json = synthAccount();
    expect(resources(json, 'aws_iam_account_alias')).toEqual([
      expect.objectContaining({ account_alias: `awst-${ACCOUNT}` }),
    ]);
    expect(resources(json, 'aws_iam_account_password_policy')).toHaveLength(1);
    expect(resources(json, 'aws_accessanalyzer_analyzer')).toHaveLength(1);
    expect(json.resource.aws_iam_role).toBeUndefined();
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(json.resource.aws_cloudtrail).toBeUndefined();
    expect(json.resource.aws_vpc).toBeUndefined();
  });

  it('names its parts from the prefix, without an address of its own', () => {
    const json = synthAccount({ roles: { trustedAccountId: '222222222222', support: false }, coreVpc: true });
    expect(resourceIds(json, 'aws_accessanalyzer_analyzer')).toEqual(['dev-access-analyzer']);
    expect(resourceIds(json, 'aws_iam_role')).toEqual([
      expect.stringMatching(/^dev-admin-role_[0-9A-F]{8}$/),
      expect.stringMatching(/^dev-developer-role_[0-9A-F]{8}$/),
    ]);
    expect(resourceIds(json, 'aws_vpc')).toEqual([expect.stringMatching(/^dev-core-vpc_/)]);
    expect(resourceIds(json, 'aws_iam_account_alias')).toEqual([
      expect.stringMatching(/^dev-account-settings_alias_/),
    ]);
    expect(resourceIds(synthAccount({ settingsId: 'account' }), 'aws_iam_account_alias')).toEqual([
      expect.stringMatching(/^account_alias_/),
    ]);
  });

  it('roles trust the given account; the support role only when asked', () => {
    const json = synthAccount({ roles: { trustedAccountId: '222222222222', support: true } });
    expect(roleNames(json)).toEqual(['AdminAccess', 'DeveloperAccess', 'SupportAccess']);
    const trust = JSON.parse(resources(json, 'aws_iam_role')[0].assume_role_policy);
    expect(JSON.stringify(trust)).toContain('arn:aws:iam::222222222222:root');
    expect(
      roleNames(synthAccount({ roles: { trustedAccountId: '222222222222', support: false } })),
    ).not.toContain('SupportAccess');
  });

  it('the audited account holds the state bucket and the trail, and the developer deny guards them', () => {
    const roles = { trustedAccountId: ACCOUNT, support: false };
    const audited = synthAccount({ roles, audit: { terraformPrincipals: [`arn:aws:iam::${ACCOUNT}:root`] } });
    expect(resources(audited, 'aws_s3_bucket').map((b: Json) => b.bucket)).toContain(
      `terraform-state-${ACCOUNT}`,
    );
    expect(resources(audited, 'aws_cloudtrail')).toHaveLength(1);
    expect(sids(audited, 'DenyAuditAndGuardChanges')).toContain('DenyAuditTrailChanges');

    const notAudited = synthAccount({ roles });
    expect(sids(notAudited, 'DenyAuditAndGuardChanges')).not.toContain('DenyAuditTrailChanges');
  });
});
