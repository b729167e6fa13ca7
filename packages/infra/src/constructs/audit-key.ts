import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { type AuditKeyPolicyProps, auditKeyPolicy } from '../guard-policies.js';
import { policyJson } from '../policies.js';

export interface AuditKeyProps extends AuditKeyPolicyProps {
  /** Alias, without `alias/`. */
  aliasName: string;
  /** The principals named in the key policy must exist before it (KMS checks them). */
  dependsOn?: ITerraformDependable[];
  provider?: TerraformProvider;
}

/**
 * The customer managed key of the audit (CIS 3.5): the trail's log files and the audit log group are encrypted
 * with it; rotation on (CIS 3.6); its policy lets only the audit admins administer it.
 */
export class AuditKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AuditKeyProps) {
    super(scope, id);
    const { aliasName, dependsOn, provider, ...policy } = props;
    this.key = new KmsKey(this, 'key', {
      provider,
      description: 'awst audit: CloudTrail log files and the audit log group',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(auditKeyPolicy(policy)),
      dependsOn,
    });
    new KmsAlias(this, 'alias', { provider, name: `alias/${aliasName}`, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
