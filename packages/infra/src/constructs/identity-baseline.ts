import { IamGroup } from '@cdktf/provider-aws/lib/iam-group/index.js';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy/index.js';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment/index.js';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user/index.js';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolesPolicy, denyWithoutMfaPolicy, policyJson, selfServicePolicy } from '../policies.js';
import type { GroupNames, UserSettings } from '../settings.js';

export interface IdentityBaselineProps {
  /** Account holding the users (token or literal). */
  accountId: string;
  /** Token from `data.aws_partition`. */
  partition: string;
  users: UserSettings[];
  groups: GroupNames;
  forceDestroyUsers: boolean;
  denyWithoutMfa: boolean;
  selfServiceMfaMaxAgeSeconds: number;
  /** Roles the Admins group may assume. */
  adminRoleArns: string[];
  /** Roles the Developers group may assume. */
  developerRoleArns: string[];
  provider?: TerraformProvider;
}

/**
 * Users, the Admins and Developers groups, the self-service policy (own MFA, password, keys with MFA), the
 * optional deny-without-MFA policy, and the group policies allowing `sts:AssumeRole` into the roles.
 */
export class IdentityBaseline extends Construct {
  readonly users: Record<string, IamUser> = {};
  readonly groups: { admins: IamGroup; developers: IamGroup };

  constructor(scope: Construct, id: string, props: IdentityBaselineProps) {
    super(scope, id);
    const provider = props.provider;

    const admins = new IamGroup(this, 'admins', { provider, name: props.groups.admins });
    const developers = new IamGroup(this, 'developers', { provider, name: props.groups.developers });
    this.groups = { admins, developers };
    const groupByName: Record<string, IamGroup> = {
      [props.groups.admins]: admins,
      [props.groups.developers]: developers,
    };

    for (const user of props.users) {
      const iamUser = new IamUser(this, `user-${user.name}`, {
        provider,
        name: user.name,
        forceDestroy: props.forceDestroyUsers,
      });
      this.users[user.name] = iamUser;
      new IamUserGroupMembership(this, `user-${user.name}-groups`, {
        provider,
        user: iamUser.name,
        groups: user.groups.map((g) => {
          const group = groupByName[g];
          if (!group) throw new Error(`unknown group ${g}`);
          return group.name;
        }),
      });
    }

    const selfService = new IamPolicy(this, 'self-service', {
      provider,
      name: 'SelfService',
      description:
        'Own password and first MFA device (console); own keys and devices with fresh MFA; view own user',
      policy: policyJson(
        selfServicePolicy(props.partition, props.accountId, props.selfServiceMfaMaxAgeSeconds),
      ),
    });
    const requireMfa = props.denyWithoutMfa
      ? new IamPolicy(this, 'require-mfa', {
          provider,
          name: 'BlockMostAccessUnlessSignedInWithMFA',
          description:
            'Without MFA: a key alone may only get an MFA session; a console session may only enrol MFA and change its password',
          policy: policyJson(denyWithoutMfaPolicy([...props.adminRoleArns, ...props.developerRoleArns])),
        })
      : undefined;

    for (const [key, group] of Object.entries({ admins, developers })) {
      new IamGroupPolicyAttachment(this, `${key}-self-service`, {
        provider,
        group: group.name,
        policyArn: selfService.arn,
      });
      if (requireMfa) {
        new IamGroupPolicyAttachment(this, `${key}-require-mfa`, {
          provider,
          group: group.name,
          policyArn: requireMfa.arn,
        });
      }
    }

    if (props.adminRoleArns.length > 0) {
      new IamGroupPolicy(this, 'admins-assume', {
        provider,
        name: 'AssumeAdminRoles',
        group: admins.name,
        policy: policyJson(assumeRolesPolicy(props.adminRoleArns)),
      });
    }
    if (props.developerRoleArns.length > 0) {
      new IamGroupPolicy(this, 'developers-assume', {
        provider,
        name: 'AssumeDeveloperRoles',
        group: developers.name,
        policy: policyJson(assumeRolesPolicy(props.developerRoleArns)),
      });
    }
  }
}
