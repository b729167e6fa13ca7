// A user's machine set up for another identity, region and endpoint, as other tools leave it: nothing of it
// may reach awst's own AWS calls. Shared by the unit tests of the client configuration and the integration
// tests that run awst against moto.

/** Environment variables every SDK and the AWS CLI read. */
export const HOSTILE_ENV: Record<string, string> = {
  AWS_PROFILE: 'work',
  AWS_DEFAULT_PROFILE: 'work',
  AWS_REGION: 'us-gov-west-1',
  AWS_DEFAULT_REGION: 'us-gov-west-1',
  AWS_USE_FIPS_ENDPOINT: 'true',
  AWS_USE_DUALSTACK_ENDPOINT: 'true',
  AWS_MAX_ATTEMPTS: '9',
  AWS_RETRY_MODE: 'adaptive',
  AWS_DEFAULTS_MODE: 'auto',
  AWS_STS_REGIONAL_ENDPOINTS: 'legacy',
};

/** The same settings as lines of a `~/.aws/config` section, with every endpoint at `deadEndpoint`. */
export function hostileProfileSettings(deadEndpoint: string): string {
  return `region = us-gov-west-1\nendpoint_url = ${deadEndpoint}\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\nsts_regional_endpoints = legacy\nmax_attempts = 9\nretry_mode = adaptive\ndefaults_mode = auto\n`;
}
