import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { logBucketPolicy } from '../guard-policies.js';
import { policyJson } from '../policies.js';
import { PrivateBucket } from './private-bucket.js';

export interface AuditTrailProps {
  /** Trail name. */
  name: string;
  /** Full bucket name, e.g. `cloudtrail-<account id>`. */
  bucketName: string;
  /** Full name of the bucket for the trail bucket's server access logs (CIS 3.4). */
  accessLogBucketName: string;
  accountId: string;
  partition: string;
  region: string;
  /** Principals that may change the buckets' policy and protection, and delete them (Terraform's). */
  auditAdminArns: string[];
  /** KMS key the log files are encrypted with (CIS 3.5). */
  kmsKeyArn?: string;
  /** CloudWatch Logs group the trail also delivers to (CIS §4 metric filters read it). */
  logGroupArn?: string;
  provider?: TerraformProvider;
}

/**
 * A multi-region CloudTrail trail (global service events included) with log-file validation, KMS-encrypted,
 * delivering into its own versioned, private, TLS-only bucket that only CloudTrail writes and whose log files
 * only the account root deletes; the bucket's access is logged into a second bucket guarded the same way.
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const provider = props.provider;
    const { partition, accountId } = props;
    const storage = new PrivateBucket(this, 'bucket', { provider, bucketName: props.bucketName });
    const bucket = storage.bucket;
    // The trail's ARN is known before the trail exists, so the bucket policy can name it (aws:SourceArn).
    const trailArn = `arn:${partition}:cloudtrail:${props.region}:${accountId}:trail/${props.name}`;
    const policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: policyJson(
        logBucketPolicy({
          partition,
          accountId,
          bucketArn: bucket.arn,
          writerService: 'cloudtrail.amazonaws.com',
          sourceArn: trailArn,
          writePrefix: `AWSLogs/${accountId}/`,
          writeCondition: { 's3:x-amz-acl': 'bucket-owner-full-control' },
          auditAdminArns: props.auditAdminArns,
        }),
      ),
      dependsOn: [storage.publicAccessBlock],
    });

    const accessLogs = new PrivateBucket(this, 'access-logs', {
      provider,
      bucketName: props.accessLogBucketName,
    });
    const accessLogsPolicy = new S3BucketPolicy(this, 'access-logs-policy', {
      provider,
      bucket: accessLogs.bucket.id,
      policy: policyJson(
        logBucketPolicy({
          partition,
          accountId,
          bucketArn: accessLogs.bucket.arn,
          writerService: 'logging.s3.amazonaws.com',
          sourceArn: bucket.arn,
          writePrefix: 'cloudtrail/',
          auditAdminArns: props.auditAdminArns,
        }),
      ),
      dependsOn: [accessLogs.publicAccessBlock],
    });
    new S3BucketLoggingA(this, 'access-logging', {
      provider,
      bucket: bucket.id,
      targetBucket: accessLogs.bucket.id,
      targetPrefix: 'cloudtrail/',
      dependsOn: [accessLogsPolicy],
    });

    let logsRole: IamRole | undefined;
    if (props.logGroupArn) {
      logsRole = new IamRole(this, 'logs-role', {
        provider,
        name: `${props.name}-cloudwatch-logs`,
        assumeRolePolicy: policyJson({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
            },
          ],
        }),
      });
      new IamRolePolicy(this, 'logs-role-policy', {
        provider,
        name: 'DeliverToAuditLogGroup',
        role: logsRole.name,
        policy: policyJson({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `${props.logGroupArn}:log-stream:*`,
            },
          ],
        }),
      });
    }

    this.trail = new Cloudtrail(this, 'trail', {
      provider,
      name: props.name,
      s3BucketName: bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: props.kmsKeyArn,
      cloudWatchLogsGroupArn: props.logGroupArn ? `${props.logGroupArn}:*` : undefined,
      cloudWatchLogsRoleArn: logsRole?.arn,
      dependsOn: [policy],
    });
  }
}
