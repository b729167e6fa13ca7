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
