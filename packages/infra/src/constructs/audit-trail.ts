import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { auditBucketPolicy, policyJson } from '../policies.js';
import { StateBucket } from './state-bucket.js';

export interface AuditTrailProps {
  /** Trail name. */
  name: string;
  /** Full bucket name, e.g. `cloudtrail-<account id>`. */
  bucketName: string;
  accountId: string;
  partition: string;
  region: string;
  /** Principals that may change the bucket's policy and protection, and delete it (Terraform's). */
  auditAdminArns: string[];
  provider?: TerraformProvider;
}

/**
 * A multi-region CloudTrail trail (global service events included) with log-file validation, delivering into
 * its own versioned, encrypted, private, TLS-only bucket whose log files nobody but `auditAdminArns` may delete.
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const provider = props.provider;
    const storage = new StateBucket(this, 'bucket', {
      provider,
      bucketName: props.bucketName,
      policy: false,
    });
    const bucket = storage.bucket;
    // The trail's ARN is known before the trail exists, so the bucket policy can name it (aws:SourceArn).
    const trailArn = `arn:${props.partition}:cloudtrail:${props.region}:${props.accountId}:trail/${props.name}`;
    const policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: policyJson(auditBucketPolicy(props.accountId, bucket.arn, trailArn, props.auditAdminArns)),
      dependsOn: [storage.publicAccessBlock],
    });
    this.trail = new Cloudtrail(this, 'trail', {
      provider,
      name: props.name,
      s3BucketName: bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      dependsOn: [policy],
    });
  }
}
