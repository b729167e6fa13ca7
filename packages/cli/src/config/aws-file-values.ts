/**
 * Values from config.toml and the command line that end up in ~/.aws/config or ~/.aws/credentials. Each is
 * checked before it gets there: a line break or a bracket in a region or a profile name would write a
 * section of its own (e.g. a [default] with a credential_process) that every AWS tool then reads.
 */

import { IAM_NAME, REGION } from '@awst/rules';

// Control characters (C0, DEL, C1), Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Brackets end a header; quotes and backslashes break botocore's shell-like split of `profile 'a b'`;
// `#` and `;` after a space start a comment for the SDK for JavaScript.
const HEADER_BREAKERS = /[[\]'"\\#;]/;

/** Why a region cannot be used, or undefined when it looks like an AWS region. */
export function regionProblem(region: string): string | undefined {
  return REGION.test(region)
    ? undefined
    : `${JSON.stringify(region)} is not an AWS region such as "eu-west-1"`;
}

/** Why a role name cannot be used, or undefined when IAM would accept it. */
export function roleNameProblem(role: string): string | undefined {
  return IAM_NAME.test(role)
    ? undefined
    : `${JSON.stringify(role)} is not an IAM role name (up to 64 letters, digits and + = , . @ _ -)`;
}

/** Why a text cannot be (part of) a profile name in the AWS files, or undefined when it can. */
export function profileNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name);
  if (name.trim() === '') return `${shown} is empty`;
  if (CONTROL.test(name)) return `${shown} contains a line break or another control character`;
  if (HEADER_BREAKERS.test(name)) return `${shown} contains a [ ] ' " \\ # or ; character`;
  if (name !== name.trim() || /\s\s|[^\S ]/.test(name)) {
    return `${shown} has spaces at its ends, doubled, or whitespace other than a space`;
  }
  return undefined;
}
