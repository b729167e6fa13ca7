import { IamAccountAlias } from '@cdktf/provider-aws/lib/iam-account-alias/index.js';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy/index.js';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { PasswordPolicySettings } from '../settings.js';

export interface AccountSettingsProps {
  accountId: string;
  aliasPrefix: string;
  passwordPolicy: PasswordPolicySettings;
  /** Block S3 public access for the whole account. Default true. */
  publicAccessBlock?: boolean;
  provider?: TerraformProvider;
}

/** Account alias `<prefix>-<account id>`, the IAM password policy and S3 Block Public Access for the whole account. */
export class AccountSettings extends Construct {
  readonly alias: IamAccountAlias;

  constructor(scope: Construct, id: string, props: AccountSettingsProps) {
    super(scope, id);
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

  /** `https://<alias>.signin.aws.amazon.com/console` */
  get signInUrl(): string {
    return `https://${this.alias.accountAlias}.signin.aws.amazon.com/console`;
  }
}
