import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { policyJson, stateBucketPolicy } from '../policies.js';
import { PrivateBucket } from './private-bucket.js';

export interface StateBucketProps {
  /** Full bucket name, e.g. `terraform-state-<account id>`. */
  bucketName: string;
  /**
   * Principal ARNs that may read and write objects and change the bucket's policy and protection (the admin
   * role, the account root, a CI deploy role). Everybody else is refused.
   */
  stateAdminArns: string[];
  provider?: TerraformProvider;
}

/**
 * The bucket for Terraform state: a {@link PrivateBucket} whose policy refuses plain HTTP and limits reading
 * and changing objects, and the bucket's protection, to `stateAdminArns`.
 */
export class StateBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id, props);
    // `tls-only` is the policy's Terraform address in deployed accounts: kept, though it does more now.
    new S3BucketPolicy(this, 'tls-only', {
      provider: props.provider,
      bucket: this.bucket.id,
      policy: policyJson(stateBucketPolicy(this.bucket.arn, props.stateAdminArns)),
      dependsOn: [this.publicAccessBlock],
    });
  }
}
