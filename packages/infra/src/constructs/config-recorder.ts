import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder/index.js';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status/index.js';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { iamArn, policyJson } from '../policies.js';
import { PrivateBucket } from './private-bucket.js';

export interface ConfigRecorderProps {
  accountId: string;
  partition: string;
  /** Full bucket name, e.g. `aws-config-<account id>`. */
  bucketName: string;
  provider?: TerraformProvider;
}

/** AWS Config (CIS 3.3): records every supported resource type, global ones included, into its own bucket. */
export class ConfigRecorder extends Construct {
  readonly recorder: ConfigConfigurationRecorder;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { provider, accountId, partition } = props;
    const storage = new PrivateBucket(this, 'bucket', { provider, bucketName: props.bucketName });
    const bucketArn = storage.bucket.arn;
    const fromAccount = { StringEquals: { 'aws:SourceAccount': accountId } };
    const policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: storage.bucket.id,
      policy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowConfigAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
            Resource: bucketArn,
            Condition: fromAccount,
          },
          {
            Sid: 'AllowConfigWrite',
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
            Condition: fromAccount,
          },
        ],
      }),
      dependsOn: [storage.publicAccessBlock],
    });
    const role = new IamRole(this, 'role', {
      provider,
      name: 'awst-config-recorder',
      assumeRolePolicy: policyJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: fromAccount,
          },
        ],
      }),
    });
    new IamRolePolicyAttachment(this, 'role-policy', {
      provider,
      role: role.name,
      policyArn: iamArn(partition, 'aws', 'policy/service-role/AWS_ConfigRole'),
    });
    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      provider,
      name: 'default',
      roleArn: role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new ConfigDeliveryChannel(this, 'channel', {
      provider,
      name: 'default',
      s3BucketName: storage.bucket.id,
      dependsOn: [this.recorder, policy],
    });
    new ConfigConfigurationRecorderStatus(this, 'status', {
      provider,
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
  }
}
