import { IamAccountAlias } from '@cdktf/provider-aws/lib/iam-account-alias/index.js';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy/index.js';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block/index.js';
import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { PasswordPolicySettings } from '../settings/types.js';

export interface AccountSettingsProps {
  accountId: string;
  aliasPrefix: string;
  passwordPolicy: PasswordPolicySettings;
  /** Block S3 public access for the whole account. Default true. */
  publicAccessBlock?: boolean;
  provider?: TerraformProvider;
  /** The account's partition (data.aws_partition), for the console sign-in host. Default `aws`. */
  partition?: string;
}

/** The console sign-in host of each partition. */
export const SIGNIN_HOSTS: Record<string, string> = {
  aws: 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};

/** Account alias `<prefix>-<account id>`, the IAM password policy and S3 Block Public Access for the whole account. */
export class AccountSettings extends Construct {
  readonly alias: IamAccountAlias;
  private readonly partition?: string;

  constructor(scope: Construct, id: string, props: AccountSettingsProps) {
    super(scope, id);
    this.partition = props.partition;
    const p = props.passwordPolicy;
    this.alias = new IamAccountAlias(this, 'alias', {
      provider: props.provider,
      accountAlias: `${props.aliasPrefix}-${props.accountId}`,
    });
    new IamAccountPasswordPolicy(this, 'password-policy', {
      provider: props.provider,
      minimumPasswordLength: p.minimumLength,
      requireLowercaseCharacters: p.requireAllCharacterClasses,
      requireUppercaseCharacters: p.requireAllCharacterClasses,
      requireNumbers: p.requireAllCharacterClasses,
      requireSymbols: p.requireAllCharacterClasses,
      maxPasswordAge: p.maxAgeDays,
      passwordReusePrevention: p.reusePrevention,
      allowUsersToChangePassword: p.allowUsersToChangePassword,
    });
    if (props.publicAccessBlock === false) return;
    new S3AccountPublicAccessBlock(this, 's3-public-access-block', {
      provider: props.provider,
      accountId: props.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }

  /** `https://<alias>.signin.aws.amazon.com/console`, or the sign-in host of the account's partition. */
  get signInUrl(): string {
    const host =
      this.partition === undefined
        ? SIGNIN_HOSTS.aws
        : Fn.lookup(SIGNIN_HOSTS, this.partition, SIGNIN_HOSTS.aws);
    return `https://${this.alias.accountAlias}.${host}/console`;
  }
}
