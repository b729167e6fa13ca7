import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { type Settings, type SettingsOverrides, settings, withOverrides } from '../src/settings.js';
import { BaselineStack } from '../src/stacks/baseline.js';
import { OrganizationStack } from '../src/stacks/organization.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
export type Json = any;

/** Region-independent settings for tests (the environment may set AWS_REGION). */
export function testSettings(overrides: SettingsOverrides = {}): Settings {
  return withOverrides(overrides, settings);
}

export function synthBaseline(overrides: SettingsOverrides = {}): Json {
  const stack = new BaselineStack(Testing.app(), 'baseline', testSettings(overrides));
  return JSON.parse(Testing.synth(stack));
}

export function synthOrganization(overrides: SettingsOverrides = {}): Json {
  const stack = new OrganizationStack(Testing.app(), 'organization', testSettings(overrides));
  return JSON.parse(Testing.synth(stack));
}

/** All resources of a type, as `[logicalId, config]` values. */
export function resources(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

export function resourceIds(json: Json, type: string): string[] {
  return Object.keys(json.resource?.[type] ?? {});
}

/** Terraform reference `${type.id.attr}` of the resource matching `predicate`. */
export function refOf(json: Json, type: string, predicate: (r: Json) => boolean, attr = 'id'): string {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(([, r]) => predicate(r));
  if (!entry) throw new Error(`no ${type} matches`);
  return `\${${type}.${entry[0]}.${attr}}`;
}

/** Does an IAM action pattern (with `*` wildcards) match an action? */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test(action);
}

/** Is an executable on PATH? (Terraform, moto_server and the AWS CLI are machine tools, not npm deps.) */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

let mirrorRoot: string | undefined;
/** The provider mirror root, found like the README says: the part before `/registry.terraform.io/`. */
export function providerMirrorRoot(): string {
  if (mirrorRoot) return mirrorRoot;
  const found = execSync(
    "find / -path /proc -prune -o -path '*registry.terraform.io/hashicorp/aws/*' -name 'terraform-provider-aws_*' -print 2>/dev/null | head -1",
    { encoding: 'utf8', shell: '/bin/sh' },
  ).trim();
  const index = found.indexOf('/registry.terraform.io/');
  if (index < 0) throw new Error('hashicorp/aws provider mirror not found');
  mirrorRoot = found.slice(0, index);
  return mirrorRoot;
}

/** Writes a Terraform CLI config using the filesystem mirror for hashicorp/aws; returns its path. */
export function terraformCliConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'awst-tfrc-'));
  const file = path.join(dir, 'terraform.rc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(providerMirrorRoot())}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
  );
  return file;
}

/** Environment for terraform: mirror config, no plugin cache surprises, no colour. */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: terraformCliConfig(),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    ...extra,
  };
}
