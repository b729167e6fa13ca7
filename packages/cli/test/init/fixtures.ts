/** A ready config the baseline stack would put in its awst_config output. */
export const STACK_CONFIG = `# awst configuration for the baseline stack
defaultRegion = "eu-central-1"

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"

[roles.DeveloperAccess]
durationMinutes = 240
`;

/** What `terraform output -json` prints for a deployed baseline stack. */
export const STACK_OUTPUTS_JSON = `${JSON.stringify(
  {
    account_id: { sensitive: false, type: 'string', value: '123456789012' },
    awst_config: { sensitive: false, type: 'string', value: STACK_CONFIG },
    developer_role_arn: {
      sensitive: false,
      type: 'string',
      value: 'arn:aws:iam::123456789012:role/DeveloperAccess',
    },
  },
  null,
  2,
)}\n`;

/** A stack without awst_config: the config is built from account_id. */
export const ACCOUNT_ONLY_OUTPUTS_JSON = JSON.stringify({
  account_id: { sensitive: false, type: 'string', value: '210987654321' },
});

export { AWSTOOLS_EXAMPLE } from '../awstools-fixture.js';
