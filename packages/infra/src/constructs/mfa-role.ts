import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { iamArn, mfaTrustPolicy, type PolicyDocument, policyJson } from '../policies.js';

export interface MfaRoleProps {
  name: string;
  /** Account whose IAM users may assume the role (token or literal). */
  trustedAccountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov` (token from `data.aws_partition`). */
  partition: string;
  mfaMaxAgeSeconds: number;
  maxSessionDurationSeconds: number;
  /** AWS managed policy names, e.g. `AdministratorAccess`. */
  managedPolicies: string[];
  /** Inline policies by name. */
  inlinePolicies?: Record<string, PolicyDocument>;
  /** The role's description. Default none. */
  description?: string;
  /** IAM path of the role, e.g. `/people/` (starts and ends with `/`). Default `/`. */
  path?: string;
  /** ARN of a managed policy that bounds the role's permissions, whatever its policies allow. Default none. */
  permissionsBoundary?: string;
  /**
   * Detach policies attached outside this construct before destroying the role (otherwise IAM refuses to
   * delete it). Default false.
   */
  forceDetachPolicies?: boolean;
  provider?: TerraformProvider;
}

/**
 * A role assumable only by IAM users of a trusted account with fresh MFA, with managed and inline policies;
 * its options follow terraform-aws-modules' `iam-assumable-role` (description, path, permissions boundary,
 * force-detach). Options left unset are not written, so IAM's defaults apply.
 */
export class MfaRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: MfaRoleProps) {
    super(scope, id);
    const provider = props.provider;
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.name,
      description: props.description,
      path: props.path,
      permissionsBoundary: props.permissionsBoundary,
      forceDetachPolicies: props.forceDetachPolicies,
      maxSessionDuration: props.maxSessionDurationSeconds,
      assumeRolePolicy: policyJson(
        mfaTrustPolicy(props.partition, props.trustedAccountId, props.mfaMaxAgeSeconds),
      ),
    });
    for (const policy of props.managedPolicies) {
      new IamRolePolicyAttachment(this, `managed-${policy}`, {
        provider,
        role: this.role.name,
        policyArn: iamArn(props.partition, 'aws', `policy/${policy}`),
      });
    }
    for (const [name, document] of Object.entries(props.inlinePolicies ?? {})) {
      new IamRolePolicy(this, `inline-${name}`, {
        provider,
        name,
        role: this.role.name,
        policy: policyJson(document),
      });
    }
  }

  get arn(): string {
    return this.role.arn;
  }
}
