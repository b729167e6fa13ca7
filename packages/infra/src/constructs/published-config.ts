import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { type PolicyDocument, policyJson } from '../policies.js';

/** What reading the published config takes; every other SSM action on it is a change. */
export const PUBLISHED_CONFIG_READ_ACTIONS = [
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParameterHistory',
  'ssm:DescribeParameters',
  'ssm:ListTagsForResource',
];

export interface PublishedConfigProps {
  /** SSM parameter name, e.g. `/team/awst-config`. */
  name: string;
  /** The config.toml text (no secrets: account ids, role names and durations). */
  value: string;
  /** Groups whose members may read it, with an MFA session. */
  readerGroups: string[];
  /** Roles whose managed policies would let them change it (PowerUserAccess has `ssm:*`): denied. */
  deniedRoles: string[];
  provider?: TerraformProvider;
}

/**
 * awst_config as an SSM parameter in the account, so a teammate's `awst init` needs nothing of the admin's
 * machine (no Terraform state): members of the groups read it with an MFA session; of the roles, only those
 * not in `deniedRoles` (AdminAccess) may change it. Users get no other SSM access.
 */
export class PublishedConfig extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: PublishedConfigProps) {
    super(scope, id);
    const { provider } = props;
    this.parameter = new SsmParameter(this, 'parameter', {
      provider,
      name: props.name,
      type: 'String',
      value: props.value,
      description: 'config.toml for the awst CLI (awst init reads it); managed by Terraform',
    });
    props.readerGroups.forEach((group, i) => {
      new IamGroupPolicy(this, `read-${i}`, {
        provider,
        group,
        name: 'ReadAwstConfig',
        policy: policyJson(readPublishedConfigPolicy(this.parameter.arn)),
      });
    });
    props.deniedRoles.forEach((role, i) => {
      new IamRolePolicy(this, `deny-changes-${i}`, {
        provider,
        role,
        name: 'DenyAwstConfigChanges',
        policy: policyJson(denyPublishedConfigChangesPolicy(this.parameter.arn)),
      });
    });
  }
}

/** Reading the parameter, only with MFA (a long-term key alone is denied it anyway by the deny-without-MFA policy). */
export function readPublishedConfigPolicy(parameterArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowReadAwstConfigWithMfa',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: parameterArn,
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    ],
  };
}

/** Every action on the parameter but reading it, so a new SSM write action is denied too. */
export function denyPublishedConfigChangesPolicy(parameterArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAwstConfigChanges',
        Effect: 'Deny',
        NotAction: PUBLISHED_CONFIG_READ_ACTIONS,
        Resource: parameterArn,
      },
    ],
  };
}
