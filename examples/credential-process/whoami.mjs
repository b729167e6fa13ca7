// A program built on the AWS SDK for JavaScript v3 that uses awst through credential_process:
//   AWS_PROFILE=dev node whoami.mjs
// The SDK's default chain finds the profile in ~/.aws/config, runs `awst credential-process`, and
// refreshes the credentials by itself when they near expiry.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
console.log(identity.Arn);
