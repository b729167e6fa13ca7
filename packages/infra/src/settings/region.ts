import type { Settings } from './types.js';

/** Region from `AWS_REGION`, `AWS_DEFAULT_REGION`, else the setting. */
export function resolveRegion(s: Settings, env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || s.region;
}
