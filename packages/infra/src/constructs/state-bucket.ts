import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { policyJson, stateBucketPolicy, tlsOnlyBucketPolicy } from '../policies.js';

export interface StateBucketProps {
  /** Full bucket name, e.g. `terraform-state-<account id>`. */
  bucketName: string;
  /**
   * Principal ARNs that may read and write objects and change the bucket's policy and protection (the admin
   * role, the account root). Without it the bucket is only TLS-only (the audit bucket manages its own policy).
   */
  stateAdminArns?: string[];
  /** Set false to attach a bucket policy of your own to {@link StateBucket.bucket}. Default true. */
  policy?: boolean;
  provider?: TerraformProvider;
}

/**
 * Versioned, encrypted, private, TLS-only bucket; for Terraform state, reading and changing objects and the
 * bucket's protection is limited to `stateAdminArns`.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: props.bucketName });
    const bucket = this.bucket.id;
    new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    if (props.policy === false) return;
    const document = props.stateAdminArns
      ? stateBucketPolicy(this.bucket.arn, props.stateAdminArns)
      : tlsOnlyBucketPolicy(this.bucket.arn);
    new S3BucketPolicy(this, 'tls-only', {
      provider,
      bucket,
      policy: policyJson(document),
      dependsOn: [this.publicAccessBlock],
    });
  }
}
