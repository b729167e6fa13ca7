import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { MfaRole, type MfaRoleProps } from '../src/constructs/mfa-role.js';
import { type Json, resources } from './helpers.js';

/** The construct alone, in a scope of its own (no full stack synth). */
function synthRole(props: Partial<MfaRoleProps> = {}): Json {
  const text = Testing.synthScope((scope) => {
    new MfaRole(scope, 'role', {
      name: 'Operator',
      trustedAccountId: '123456789012',
      partition: 'aws',
      mfaMaxAgeSeconds: 3600,
      maxSessionDurationSeconds: 3600,
      managedPolicies: ['ReadOnlyAccess'],
      ...props,
    });
  });
  return JSON.parse(text);
}

describe('MfaRole', () => {
  it('writes none of the iam-assumable-role options unless asked: IAM defaults, as before', () => {
    const [role] = resources(synthRole(), 'aws_iam_role');
    expect(role.name).toBe('Operator');
    for (const key of ['description', 'path', 'permissions_boundary', 'force_detach_policies']) {
      expect(role).not.toHaveProperty(key);
    }
  });

  it('takes a description, path, permissions boundary and force-detach', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/Boundary';
    const [role] = resources(
      synthRole({
        description: 'Operators, with MFA',
        path: '/people/',
        permissionsBoundary: boundary,
        forceDetachPolicies: true,
      }),
      'aws_iam_role',
    );
    expect(role).toMatchObject({
      description: 'Operators, with MFA',
      path: '/people/',
      permissions_boundary: boundary,
      force_detach_policies: true,
    });
  });

  it('keeps the MFA trust and the managed policy with the options set', () => {
    const json = synthRole({ path: '/people/', forceDetachPolicies: false });
    const [role] = resources(json, 'aws_iam_role');
    expect(role.force_detach_policies).toBe(false);
    const trust = JSON.parse(role.assume_role_policy);
    expect(JSON.stringify(trust)).toContain('aws:MultiFactorAuthAge');
    expect(resources(json, 'aws_iam_role_policy_attachment')).toEqual([
      expect.objectContaining({ policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    ]);
  });
});
