import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Full bucket name, e.g. `cloudtrail-<account id>`. */
  bucketName: string;
  provider?: TerraformProvider;
}

/**
 * A versioned, encrypted (SSE-S3, bucket key), owner-enforced bucket with every public access blocked: what
 * every bucket of the baseline starts from. It has no bucket policy: the user of the bucket attaches the one
 * that says who writes to it (the state's admins, CloudTrail, S3 server access logging, AWS Config), making
 * it depend on {@link PrivateBucket.publicAccessBlock}.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
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
  }
}
