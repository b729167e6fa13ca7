// The caller ARN as a program built on the AWS SDK for JavaScript v3 sees it: the client's default
// credential chain (fromNodeProviderChain), with the profile named in argv[2] if any.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const profile = process.argv[2] || undefined;
const identity = await new STSClient(profile ? { profile } : {}).send(new GetCallerIdentityCommand({}));
console.log(identity.Arn);
