import { settings } from '../settings.js';
import type { Settings } from './types.js';
import { validate } from './validate.js';

/** Deep partial, arrays replaced as a whole. */
export type SettingsOverrides = {
  [K in keyof Settings]?: Settings[K] extends unknown[] | string | number | boolean
    ? Settings[K]
    : Settings[K] extends object
      ? Partial<Settings[K]> | Settings[K]
      : Settings[K];
};

/** Returns `base` with `overrides` merged one level deep (nested objects merged, arrays and scalars replaced). */
export function withOverrides(overrides: SettingsOverrides, base: Settings = settings): Settings {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = result[key];
    if (isPlainObject(value) && isPlainObject(current) && key !== 'tags') {
      result[key] = { ...current, ...value };
    } else {
      result[key] = value;
    }
  }
  return validate(result as unknown as Settings);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
