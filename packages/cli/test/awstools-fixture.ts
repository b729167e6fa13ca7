/** awstools 0.13's own example, deprecated keys and all. */
export const AWSTOOLS_EXAMPLE = `defaultRegion = "eu-west-1"
defaultKmsKey = "alias/awstools"
keyRotationIntervalMinutes = 10080
reuseCredentialsIfValidForMinutes = 15
autoRotateMainAccountKey = true

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
other-account = "210987654321"
`;
