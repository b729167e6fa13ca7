// Types for config-toml.js (see there why it is JavaScript).
export interface ConfigTomlContent {
  /** Comment lines at the top, without the "# ". */
  comments?: readonly string[];
  /** Top-level settings in order; undefined values are left out. */
  settings: ReadonlyArray<readonly [key: string, value: string | number | undefined]>;
  profiles: { mainAccount: string; mainAccountMfaSession: string };
  /** Written as `name = "id"`, or `name = { id = "…", region = "…" }` when region is set. */
  accounts: ReadonlyArray<{ name: string; id: string; region?: string | undefined }>;
  /** One [roles.<name>] table each, with the values that are set. */
  roles: ReadonlyArray<{
    name: string;
    mode?: string;
    durationMinutes?: number;
    mfaMaxAgeMinutes?: number;
  }>;
}
export declare function renderConfigToml(content: ConfigTomlContent): string;
export declare function tomlKey(key: string): string;
export declare function tomlString(value: string): string;
