/** Profiles and comments other tools wrote into the credentials file: awst must keep every byte of them. */
export const OTHER_PROFILES = `# my own notes, keep me
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE
aws_secret_access_key = keep/this=secret

; awsume's profile
[awsume-thing]
manager = awsume
x_security_token_expires = 2030-01-01T00:00:00Z

`;
