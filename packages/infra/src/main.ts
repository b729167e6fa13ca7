import { App } from 'cdktf';
import { resolveRegion, type Settings, settings, validate } from './settings.js';
import { BaselineStack } from './stacks/baseline.js';
import { OrganizationStack } from './stacks/organization.js';

export const STACKS = ['baseline', 'organization'] as const;
export type StackName = (typeof STACKS)[number];

/**
 * Builds the app (`organization` only when enabled). The region comes from `AWS_REGION` / `AWS_DEFAULT_REGION`
 * when set, else from the settings. Throws on settings {@link validate} refuses, before anything is written.
 */
export function buildApp(base: Settings = settings, outdir: string = base.outdir): App {
  const s: Settings = validate({ ...base, region: resolveRegion(base) });
  const app = new App({ outdir, skipValidation: false });
  new BaselineStack(app, 'baseline', s);
  if (s.organization.enabled) new OrganizationStack(app, 'organization', s);
  return app;
}

/** Synthesizes to `<outdir>/stacks/<stack>/cdk.tf.json`. */
export function synth(s: Settings = settings, outdir: string = s.outdir): void {
  buildApp(s, outdir).synth();
}
