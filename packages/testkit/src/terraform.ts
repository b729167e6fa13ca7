import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrationOnly } from './unit-run.js';

/**
 * Where the folder found by the search is remembered, so `find /` runs once per machine, not per test: in
 * the machine's temporary folder, not the one each test file gets (temp-root.ts).
 */
const CACHE = join(
  process.env.AWST_TESTS_OUTER_TMPDIR ?? tmpdir(),
  `awst-tf-provider-mirror-${process.getuid?.() ?? 'user'}`,
);
const PROVIDER = 'registry.terraform.io/hashicorp/aws';

let mirrorRoot: string | undefined;

/**
 * The local filesystem mirror of the hashicorp/aws provider (the folder above registry.terraform.io):
 * AWST_TF_PROVIDER_MIRROR when set; else the folder an earlier run found; else a search of the whole
 * filesystem, the way the README tells a user. The result is put in AWST_TF_PROVIDER_MIRROR for child processes.
 */
export function terraformProviderMirror(): string {
  integrationOnly('Terraform');
  mirrorRoot ??= fromEnvironment() ?? fromCache() ?? search();
  process.env.AWST_TF_PROVIDER_MIRROR = mirrorRoot;
  return mirrorRoot;
}

function fromEnvironment(): string | undefined {
  const dir = process.env.AWST_TF_PROVIDER_MIRROR;
  if (!dir) return undefined;
  if (!existsSync(join(dir, PROVIDER))) {
    throw new Error(`AWST_TF_PROVIDER_MIRROR=${dir} holds no ${PROVIDER} folder.`);
  }
  return dir;
}

function fromCache(): string | undefined {
  try {
    const dir = readFileSync(CACHE, 'utf8').trim();
    return dir && existsSync(join(dir, PROVIDER)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function search(): string {
  const found = execFileSync(
    'sh',
    ['-c', `find / -path '*${PROVIDER}/*' -name 'terraform-provider-aws_*' 2>/dev/null | head -1`],
    { encoding: 'utf8' },
  ).trim();
  if (!found) {
    throw new Error(`No ${PROVIDER} provider mirror found on this machine (set AWST_TF_PROVIDER_MIRROR).`);
  }
  const dir = found.slice(0, found.indexOf(`/${PROVIDER}/`));
  const temp = `${CACHE}.${process.pid}`;
  writeFileSync(temp, `${dir}\n`);
  renameSync(temp, CACHE);
  return dir;
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
