import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { terraformOfflineEnv } from '@awst/testkit';
import { Testing } from 'cdktf';
import { type SettingsOverrides, withOverrides } from '../src/settings/overrides.js';
import type { Settings } from '../src/settings/types.js';
import { settings } from '../src/settings.js';
import { BaselineStack } from '../src/stacks/baseline.js';
import { OrganizationStack } from '../src/stacks/organization.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
export type Json = any;

/** Region-independent settings for tests (the environment may set AWS_REGION). */
export function testSettings(overrides: SettingsOverrides = {}): Settings {
  return withOverrides(overrides, settings);
}

export function synthBaseline(overrides: SettingsOverrides = {}): Json {
  return synthOnce(
    'baseline',
    overrides,
    () => new BaselineStack(Testing.app(), 'baseline', testSettings(overrides)),
  );
}

export function synthOrganization(overrides: SettingsOverrides = {}): Json {
  return synthOnce(
    'organization',
    overrides,
    () => new OrganizationStack(Testing.app(), 'organization', testSettings(overrides)),
  );
}

/**
 * The test files of this project share a process (isolate: false): a stack synthesized with the same
 * overrides by another file is not synthesized again. Each caller gets its own parsed copy.
 */
const synthesized = new Map<string, string>();

function synthOnce(
  kind: string,
  overrides: SettingsOverrides,
  stack: () => Parameters<typeof Testing.synth>[0],
): Json {
  const key = `${kind} ${JSON.stringify(overrides)}`;
  let text = synthesized.get(key);
  if (text === undefined) {
    text = withPlainStackTraces(() => Testing.synth(stack()));
    synthesized.set(key, text);
  }
  return JSON.parse(text);
}

/**
 * cdktf records a full stack trace for every token it creates, and vitest maps each frame through source
 * maps: a fifth of a synth's time, for traces only cdktf's own error messages use. V8's plain format is
 * used during the synth; an error thrown from it is formatted (with source maps) when read, afterwards.
 */
function withPlainStackTraces<T>(fn: () => T): T {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) =>
    [String(error), ...frames.map((f) => `    at ${f}`)].join('\n');
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = prepare;
  }
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

/** Environment for terraform: mirror config, no plugin cache surprises, no colour. */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...terraformOfflineEnv(mkdtempSync(path.join(tmpdir(), 'awst-tfrc-'))), ...extra };
}

export { hasCommand } from '@awst/testkit';

/**
 * A synth folder `<tmp>/cdktf.out`, mirroring the package layout: the local backend keeps state three levels
 * above the stack folder (`<tmp>/terraform.<stack>.tfstate`), so it stays inside the temp folder.
 * Remove with `rmSync(path.dirname(outdir), …)`.
 */
export function tempOutdir(prefix: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), prefix)), 'cdktf.out');
}

/** The `awst_config` output of the default settings, as Terraform renders it (written out, not computed). */
export function defaultAwstConfig(region: string, account: string): string {
  return [
    `defaultRegion = "${region}"`,
    'keyRotationIntervalMinutes = 10080',
    'reuseCredentialsIfValidForMinutes = 15',
    'selfServiceMfaMaxAgeMinutes = 240',
    '',
    '[profiles]',
    'mainAccount = "main-account"',
    'mainAccountMfaSession = "main-account-mfa-session"',
    '',
    '[accounts]',
    `main-account = "${account}"`,
    '',
    '[roles.AdminAccess]',
    'durationMinutes = 60',
    'mfaMaxAgeMinutes = 60',
    '',
    '[roles.DeveloperAccess]',
    'durationMinutes = 240',
    'mfaMaxAgeMinutes = 240',
    '',
  ].join('\n');
}
