// config.toml text, rendered in one place: `awst init` writes it, and the infra package's awst_config
// output holds it.

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

/**
 * config.toml in awstools' format (top-level settings, [profiles], [accounts] name = "id") plus
 * [roles.<name>] tables. Settings and role values that are undefined are left out.
 */
export function renderConfigToml({
  comments = [],
  settings,
  profiles,
  accounts,
  roles,
}: ConfigTomlContent): string {
  const lines = comments.map((comment) => `# ${comment}`);
  if (lines.length > 0) lines.push('');
  for (const [key, value] of settings) if (value !== undefined) lines.push(`${key} = ${tomlValue(value)}`);
  lines.push(
    '',
    '[profiles]',
    `mainAccount = ${tomlString(profiles.mainAccount)}`,
    `mainAccountMfaSession = ${tomlString(profiles.mainAccountMfaSession)}`,
    '',
    '[accounts]',
  );
  for (const account of accounts) {
    lines.push(
      account.region === undefined
        ? `${tomlKey(account.name)} = ${tomlString(account.id)}`
        : `${tomlKey(account.name)} = { id = ${tomlString(account.id)}, region = ${tomlString(account.region)} }`,
    );
  }
  for (const { name, ...values } of roles) {
    lines.push('', `[roles.${tomlKey(name)}]`);
    for (const [key, value] of Object.entries(values))
      if (value !== undefined)
        lines.push(`${key} = ${typeof value === 'string' ? tomlString(value) : value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A bare key when TOML allows one, else a quoted key. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A TOML basic string; JSON's escapes are a subset of TOML's. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}

function tomlValue(value: string | number): string {
  return typeof value === 'number' ? String(value) : tomlString(value);
}
