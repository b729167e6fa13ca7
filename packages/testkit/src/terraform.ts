import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let mirrorRoot: string | undefined;

/**
 * The local filesystem mirror of the hashicorp/aws provider (the folder above registry.terraform.io),
 * found the way the README tells a user, not hard-coded.
 */
export function terraformProviderMirror(): string {
  if (mirrorRoot) return mirrorRoot;
  const found = execFileSync(
    'sh',
    [
      '-c',
      "find / -path '*registry.terraform.io/hashicorp/aws/*' -name 'terraform-provider-aws_*' 2>/dev/null | head -1",
    ],
    { encoding: 'utf8' },
  ).trim();
  if (!found) throw new Error('No hashicorp/aws provider mirror found on this machine.');
  mirrorRoot = found.slice(0, found.indexOf('/registry.terraform.io/'));
  return mirrorRoot;
}

/** Writes a Terraform CLI config that installs hashicorp/aws from the mirror; returns env for terraform. */
export function terraformOfflineEnv(dir: string): NodeJS.ProcessEnv {
  const file = join(dir, 'terraform.rc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = "${terraformProviderMirror()}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }
}
`,
  );
  return { TF_CLI_CONFIG_FILE: file, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}
