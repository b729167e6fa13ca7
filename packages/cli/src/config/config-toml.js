// config.toml text, rendered in one place: `awst init` writes it, and the infra package's awst_config
// output holds it. Plain JavaScript with config-toml.d.ts beside it, for the reason given in rules.js.

/**
 * config.toml in awstools' format (top-level settings, [profiles], [accounts] name = "id") plus
 * [roles.<name>] tables. Settings and role values that are undefined are left out.
 */
export function renderConfigToml({ comments = [], settings, profiles, accounts, roles }) {
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
export function tomlKey(key) {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A TOML basic string; JSON's escapes are a subset of TOML's. */
export function tomlString(value) {
  return JSON.stringify(value);
}

function tomlValue(value) {
  return typeof value === 'number' ? String(value) : tomlString(value);
}
