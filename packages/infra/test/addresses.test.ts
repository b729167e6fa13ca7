import { IamGroup } from '@cdktf/provider-aws/lib/iam-group/index.js';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { AddresslessGroup, GroupedStack } from '../src/addresses.js';
import { settings } from '../src/settings.js';
import { type Json, resourceIds, synthBaseline, synthOrganization } from './helpers.js';

/** The `aws_iam_group` logical ids of a stack built by `build`. */
function groupIds(build: (stack: GroupedStack) => void): string[] {
  const stack = new GroupedStack(Testing.app(), 'test');
  build(stack);
  return resourceIds(JSON.parse(Testing.synth(stack)) as Json, 'aws_iam_group');
}

describe('GroupedStack', () => {
  it('gives a resource in an AddresslessGroup the address it has without the group', () => {
    const plain = groupIds((stack) => {
      new IamGroup(stack, 'top', { name: 'a' });
      new IamGroup(new Construct(stack, 'parent'), 'child', { name: 'b' });
    });
    const grouped = groupIds((stack) => {
      const group = new AddresslessGroup(stack, 'group');
      new IamGroup(group, 'top', { name: 'a' });
      new IamGroup(new Construct(group, 'parent'), 'child', { name: 'b' });
    });
    expect(plain).toEqual([expect.stringMatching(/^parent_child_[0-9A-F]{8}$/), 'top']);
    expect(grouped).toEqual(plain);
  });

  it('keeps the group in the address of an ordinary construct', () => {
    const ids = groupIds((stack) => {
      new IamGroup(new Construct(stack, 'parent'), 'child', { name: 'b' });
      new IamGroup(new Construct(new AddresslessGroup(stack, 'group'), 'other'), 'child', { name: 'c' });
    });
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('refuses two resources that would share an address', () => {
    expect(() =>
      groupIds((stack) => {
        new IamGroup(new AddresslessGroup(stack, 'one'), 'same', { name: 'a' });
        new IamGroup(new AddresslessGroup(stack, 'two'), 'same', { name: 'b' });
      }),
    ).toThrow(/test\/two\/same and test\/one\/same would share the Terraform address same/);
  });
});

describe('organization stack addresses', () => {
  it('refuses a resource account whose parts would take the users account addresses', () => {
    // Its analyzer would be `users-account-access-analyzer`, as the users account's is.
    expect(() =>
      synthOrganization({
        organization: {
          ...settings.organization,
          enabled: true,
          resourceAccounts: [{ name: 'users-account', accountId: '111111111111' }],
        },
      }),
    ).toThrow(/would share the Terraform address/);
  });
});

/** `type.logicalId` of every resource of a synthesized stack. */
const addresses = (json: Json): string[] =>
  Object.entries(json.resource as Record<string, object>).flatMap(([type, byId]) =>
    Object.keys(byId).map((id) => `${type}.${id}`),
  );

describe('addresses of deployed accounts', () => {
  // Taken from the stacks before AccountBaseline and PrivateBucket grouped their parts: a change here
  // replaces the resource in every deployed account (add a `moved` block if one must change).
  it('single account', () => {
    expect(addresses(synthBaseline())).toEqual(
      expect.arrayContaining([
        'aws_accessanalyzer_analyzer.access-analyzer',
        'aws_cloudtrail.audit-trail_8AEAD1CA',
        'aws_iam_account_alias.account_alias_A4168A48',
        'aws_iam_role.admin-role_200F0314',
        'aws_iam_role.developer-role_619FB050',
        'aws_iam_role.support-role_114192B7',
        'aws_kms_key.audit-key_3E858D94',
        'aws_s3_bucket_policy.audit-trail_policy_231160B7',
        'aws_s3_bucket_policy.state-bucket_tls-only_333A73BD',
        'aws_vpc.core-vpc_F5CFC8AB',
      ]),
    );
  });

  it('organization', () => {
    const json = synthOrganization({
      organization: {
        ...settings.organization,
        enabled: true,
        resourceAccounts: [
          { name: 'dev', accountId: '111111111111', coreVpc: true },
          { name: 'prod', accountId: '222222222222', region: 'eu-central-1' },
        ],
      },
    });
    expect(addresses(json)).toEqual(
      expect.arrayContaining([
        'aws_accessanalyzer_analyzer.users-account-access-analyzer',
        'aws_accessanalyzer_analyzer.dev-access-analyzer',
        'aws_iam_account_alias.users-account-settings_alias_3EE51301',
        'aws_iam_account_alias.dev-account-settings_alias_CE8945FD',
        'aws_iam_account_alias.prod-account-settings_alias_9A091496',
        'aws_iam_role.dev-admin-role_4103FFC5',
        'aws_iam_role.prod-developer-role_A24610A0',
        'aws_s3_bucket.audit-trail_bucket_AAEE3968',
        'aws_s3_bucket.state-bucket_828F7150',
        'aws_vpc.dev-core-vpc_AF446A63',
      ]),
    );
  });
});
