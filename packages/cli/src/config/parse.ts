import { ACCOUNT_ID, MFA_SERIAL, MINUTES, type MinuteRange, minutesWithin } from '@awst/rules';
import TOML from '@iarna/toml';
import { ConfigError } from '../errors.js';
import { escapeRegExp } from '../text/escape-regexp.js';
import { profileNameProblem, regionProblem, roleNameProblem } from './aws-file-values.js';
import { DEFAULTS } from './defaults.js';
import { closestKey, respell, type TableShape } from './key-spelling.js';
import { checkPairs, roleLengthWarnings } from './pair-checks.js';
import type { Account, AwstConfig, RoleMode, RoleSettings } from './types.js';

type Table = Record<string, unknown>;

const TOP_LEVEL_KEYS = [
  'defaultRegion',
  'keyRotationIntervalMinutes',
  'reuseCredentialsIfValidForMinutes',
  'mfaSerial',
  'mfaProcess',
  'mfaSessionDurationMinutes',
  'selfServiceMfaMaxAgeMinutes',
  'profileNameTemplate',
  'defaultAccount',
  'defaultRole',
  'defaultKmsKey',
  'autoRotateMainAccountKey',
  'profiles',
  'accounts',
  'roles',
];
const PROFILE_KEYS = ['mainAccount', 'mainAccountMfaSession'];
const ROLE_KEYS = ['mode', 'durationMinutes', 'mfaMaxAgeMinutes', 'shortcut'];
const ACCOUNT_KEYS = ['id', 'region'];

/** The tables of config.toml and their keys, for reading awstools' spellings (see key-spelling.ts). */
export const CONFIG_SHAPE: TableShape = {
  keys: TOP_LEVEL_KEYS,
  tables: {
    profiles: { keys: PROFILE_KEYS },
    accounts: { each: { keys: ACCOUNT_KEYS } },
    roles: { each: { keys: ROLE_KEYS } },
  },
};

/** Parses and validates config.toml; every error names the file, the line and the fix. */
export function parseConfig(text: string, path: string | undefined): AwstConfig {
  const file = path ?? 'config.toml';
  const at = (line: number | undefined) => (line === undefined ? file : `${file}:${line}`);
  // Windows editors save a byte-order mark; TOML has no use for it.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: Table;
  try {
    data = TOML.parse(text) as Table;
  } catch (error) {
    const { line, message } = error as { line?: number; message: string };
    const reason = message.split(' at row ')[0]!.split('\n')[0];
    throw new ConfigError(
      `${at(line === undefined ? undefined : line + 1)}: ${reason}. Fix the TOML syntax there.`,
    );
  }
  const lines = new LineFinder(text);
  const spelled = respell(data, CONFIG_SHAPE);
  data = spelled.data;
  const lineOf = (table: string[], key: string) => {
    const written = spelled.written(table, key);
    return lines.find(written.table, written.key);
  };
  const fail = (table: string[], key: string, problem: string): never => {
    throw new ConfigError(`${at(lineOf(table, key))}: ${problem}`);
  };
  const dup = spelled.twice[0];
  if (dup) {
    throw new ConfigError(
      `${at(lines.find(spelled.written(dup.table, dup.canonical).table, dup.second))}: ${dup.canonical} is set twice, as "${dup.first}" and "${dup.second}" (awstools read key names regardless of case and "_"); keep one.`,
    );
  }
  const check = new Checker(fail);

  check.knownKeys([], data, TOP_LEVEL_KEYS);
  const warnings: string[] = spelled.respellings.map(
    ({ table, written, canonical }) =>
      `${at(lineOf(table, canonical))}: "${written}" is read as ${canonical} (awstools ignored case and "_" in key names); write ${canonical} to silence this note.`,
  );
  if (data.defaultKmsKey !== undefined) {
    check.string([], data, 'defaultKmsKey');
    warnings.push(
      `${at(lineOf([], 'defaultKmsKey'))}: defaultKmsKey is deprecated and ignored (awst keeps no encrypted files); remove it.`,
    );
  }
  let keyRotationIntervalMinutes =
    check.integer([], data, 'keyRotationIntervalMinutes', MINUTES.keyRotationInterval) ??
    DEFAULTS.keyRotationIntervalMinutes;
  const autoRotate = check.boolean([], data, 'autoRotateMainAccountKey');
  if (autoRotate !== undefined) {
    warnings.push(
      `${at(lineOf([], 'autoRotateMainAccountKey'))}: autoRotateMainAccountKey is deprecated; use keyRotationIntervalMinutes (0 turns rotation off).`,
    );
    if (autoRotate === false) keyRotationIntervalMinutes = 0;
  }

  const profiles = check.table([], data, 'profiles') ?? {};
  check.knownKeys(['profiles'], profiles, PROFILE_KEYS);

  const template = check.string([], data, 'profileNameTemplate') ?? DEFAULTS.profileNameTemplate;
  if (!template.includes('{account}') || !template.includes('{role}')) {
    fail(
      [],
      'profileNameTemplate',
      'profileNameTemplate must contain both {account} and {role}, e.g. "{account} {role}".',
    );
  }

  const mfaSerial = check.string([], data, 'mfaSerial');
  if (mfaSerial !== undefined && !MFA_SERIAL.test(mfaSerial)) {
    fail(
      [],
      'mfaSerial',
      `mfaSerial must be an MFA device ARN such as "arn:aws:iam::123456789012:mfa/alice-phone".`,
    );
  }

  const config: AwstConfig = {
    path,
    defaultRegion: check.string([], data, 'defaultRegion') ?? DEFAULTS.defaultRegion,
    keyRotationIntervalMinutes,
    reuseCredentialsIfValidForMinutes:
      check.integer([], data, 'reuseCredentialsIfValidForMinutes', MINUTES.reuseCredentials) ??
      DEFAULTS.reuseCredentialsIfValidForMinutes,
    mainAccountProfile: check.string(['profiles'], profiles, 'mainAccount') ?? DEFAULTS.mainAccountProfile,
    mfaSessionProfile:
      check.string(['profiles'], profiles, 'mainAccountMfaSession') ?? DEFAULTS.mfaSessionProfile,
    mfaSessionDurationMinutes:
      check.integer([], data, 'mfaSessionDurationMinutes', MINUTES.mfaSessionDuration) ??
      DEFAULTS.mfaSessionDurationMinutes,
    selfServiceMfaMaxAgeMinutes:
      check.integer([], data, 'selfServiceMfaMaxAgeMinutes', MINUTES.selfServiceMfaMaxAge) ??
      DEFAULTS.selfServiceMfaMaxAgeMinutes,
    accounts: parseAccounts(check, check.table([], data, 'accounts') ?? {}, fail),
    mfaSerial,
    mfaProcess: check.string([], data, 'mfaProcess'),
    profileNameTemplate: template,
    ...parseRoles(check, check.table([], data, 'roles') ?? {}),
    defaultAccount: check.string([], data, 'defaultAccount'),
    defaultRole: check.string([], data, 'defaultRole'),
    warnings,
  };
  if (config.mainAccountProfile === config.mfaSessionProfile) {
    fail(
      ['profiles'],
      'mainAccountMfaSession',
      'mainAccountMfaSession must differ from mainAccount: one holds your key, the other the MFA session.',
    );
  }
  checkAwsFileValues(config, fail);
  checkPairs(config, fail);
  warnings.push(...roleLengthWarnings(config, (table, key) => at(lines.find(table, key))));
  if ((config.defaultAccount === undefined) !== (config.defaultRole === undefined)) {
    fail(
      [],
      config.defaultAccount === undefined ? 'defaultRole' : 'defaultAccount',
      'Set defaultAccount and defaultRole together, or neither.',
    );
  }
  return config;
}

/** Everything that reaches ~/.aws/config or ~/.aws/credentials (issue: a newline there injects sections). */
function checkAwsFileValues(config: AwstConfig, fail: Fail): void {
  const refuse = (table: string[], key: string, problem: string | undefined, fix: string) => {
    const label = /^[\w.-]+$/.test(key) ? `${key}: ` : '';
    if (problem) fail(table, key, `${label}${problem}; it would be written to your AWS files. ${fix}`);
  };
  refuse([], 'defaultRegion', regionProblem(config.defaultRegion), 'Use a region id.');
  for (const [key, name] of [
    ['mainAccount', config.mainAccountProfile],
    ['mainAccountMfaSession', config.mfaSessionProfile],
  ] as const) {
    refuse(['profiles'], key, profileNameProblem(name), 'Choose another profile name.');
  }
  for (const account of config.accounts) {
    refuse(['accounts'], account.name, profileNameProblem(account.name), 'Rename the account.');
    if (account.region) {
      refuse(['accounts', account.name], 'region', regionProblem(account.region), 'Use a region id.');
    }
  }
  for (const role of [...Object.keys(config.roles), ...(config.defaultRole ? [config.defaultRole] : [])]) {
    refuse(
      config.roles[role] ? ['roles'] : [],
      config.roles[role] ? role : 'defaultRole',
      roleNameProblem(role),
      "Use the role's IAM name.",
    );
  }
  const sample = config.profileNameTemplate.replaceAll('{account}', 'account').replaceAll('{role}', 'Role');
  refuse(
    [],
    'profileNameTemplate',
    profileNameProblem(sample)?.replace(JSON.stringify(sample), JSON.stringify(config.profileNameTemplate)),
    'Use only letters, digits, spaces and - _ . @ + = , in it.',
  );
}

function parseAccounts(check: Checker, table: Table, fail: Fail): Account[] {
  return Object.entries(table).map(([name, value]) => {
    if (typeof value === 'string') {
      if (!ACCOUNT_ID.test(value))
        fail(
          ['accounts'],
          name,
          `account "${name}" must be a 12-digit account id in quotes, e.g. ${name} = "123456789012".`,
        );
      return { name, id: value };
    }
    if (isTable(value)) {
      check.knownKeys(['accounts', name], value, ACCOUNT_KEYS);
      const id = check.string(['accounts', name], value, 'id');
      if (id === undefined || !ACCOUNT_ID.test(id)) {
        fail(['accounts'], name, `account "${name}" needs id = "<12-digit account id>".`);
      }
      const region = check.string(['accounts', name], value, 'region');
      return region === undefined ? { name, id: id! } : { name, id: id!, region };
    }
    return fail(
      ['accounts'],
      name,
      `account "${name}" must be a quoted 12-digit id, or a table { id = "…", region = "…" }.`,
    );
  });
}

/** `[roles.X]` settings, and each `shortcut = "r"`: a short name typed for a role, as awstools' r and w. */
function parseRoles(
  check: Checker,
  table: Table,
): { roles: Record<string, Partial<RoleSettings>>; roleShortcuts: Record<string, string> } {
  const roles: Record<string, Partial<RoleSettings>> = {};
  const roleTables: [name: string, role: Table][] = [];
  for (const name of Object.keys(table)) {
    const role = check.table(['roles'], table, name)!;
    check.knownKeys(['roles', name], role, ROLE_KEYS);
    const settings: Partial<RoleSettings> = {};
    const mode = check.string(['roles', name], role, 'mode');
    if (mode !== undefined) {
      if (mode !== 'session' && mode !== 'direct')
        check.fail(['roles', name], 'mode', 'mode must be "session" or "direct".');
      settings.mode = mode as RoleMode;
    }
    const duration = check.integer(['roles', name], role, 'durationMinutes', MINUTES.roleDuration);
    if (duration !== undefined) settings.durationMinutes = duration;
    const mfaAge = check.integer(['roles', name], role, 'mfaMaxAgeMinutes', MINUTES.roleMfaMaxAge);
    if (mfaAge !== undefined) settings.mfaMaxAgeMinutes = mfaAge;
    roles[name] = settings;
    roleTables.push([name, role]);
  }
  // Shortcuts are checked once every role's own settings are: those errors come first.
  const roleShortcuts: Record<string, string> = {};
  for (const [name, role] of roleTables) {
    const shortcut = check.string(['roles', name], role, 'shortcut');
    if (shortcut === undefined) continue;
    if (roleShortcuts[shortcut] !== undefined) {
      check.fail(
        ['roles', name],
        'shortcut',
        `shortcut "${shortcut}" is given to both ${roleShortcuts[shortcut]} and ${name}; give each role its own.`,
      );
    }
    roleShortcuts[shortcut] = name;
  }
  return { roles, roleShortcuts };
}

type Fail = (table: string[], key: string, problem: string) => never;

class Checker {
  constructor(readonly fail: Fail) {}

  knownKeys(table: string[], values: Table, known: string[]): void {
    for (const key of Object.keys(values)) {
      if (!known.includes(key)) {
        const where = table.length ? `[${table.join('.')}]` : 'the top level';
        const close = closestKey(key, known);
        this.fail(
          table,
          key,
          close
            ? `unknown key "${key}" in ${where}; did you mean ${close}? Known keys: ${known.join(', ')}.`
            : `unknown key "${key}" in ${where}. Known keys: ${known.join(', ')}. Check the spelling or remove it.`,
        );
      }
    }
  }

  string(table: string[], values: Table, key: string): string | undefined {
    const value = values[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      this.fail(table, key, `${key} must be a non-empty string in quotes.`);
    return value as string;
  }

  integer(table: string[], values: Table, key: string, { min, max }: MinuteRange): number | undefined {
    const value = values[key];
    if (value === undefined) return undefined;
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max}`;
    // The TOML parser hands integers beyond 2^53 over as BigInt (and wraps those beyond 2^63).
    if (typeof value === 'bigint')
      this.fail(table, key, `${key} is too large: give a number of minutes ${range}.`);
    if (typeof value !== 'number' || !minutesWithin({ min, max }, value)) {
      this.fail(table, key, `${key} must be a whole number of minutes ${range}, without quotes.`);
    }
    return value as number;
  }

  boolean(table: string[], values: Table, key: string): boolean | undefined {
    const value = values[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(table, key, `${key} must be true or false, without quotes.`);
    return value as boolean;
  }

  table(table: string[], values: Table, key: string): Table | undefined {
    const value = values[key];
    if (value === undefined) return undefined;
    if (!isTable(value)) this.fail(table, key, `${key} must be a table ([${[...table, key].join('.')}]).`);
    return value as Table;
  }
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Finds the 1-based line where a key is set, for error messages (the TOML parser gives no positions). */
class LineFinder {
  private readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  find(table: string[], key: string): number | undefined {
    const quotedKey = `(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')`;
    const keyPattern = new RegExp(`^\\s*${quotedKey}\\s*=`);
    const headerPattern = (path: string[]) =>
      new RegExp(
        `^\\s*\\[\\s*${path.map((p) => `(?:${escapeRegExp(p)}|"${escapeRegExp(p)}")`).join('\\s*\\.\\s*')}\\s*\\]`,
      );
    let current: string[] = [];
    const targets = [table, [...table, key]];
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      const header = /^\s*\[([^\]]+)\]/.exec(line);
      if (header) {
        current = header[1]!.split('.').map((p) => p.trim().replace(/^["']|["']$/g, ''));
        if (targets[1]!.length > 0 && headerPattern(targets[1]!).test(line)) return i + 1;
        continue;
      }
      if (sameTable(current, table) && keyPattern.test(line)) return i + 1;
      // Dotted or inline forms: fall back to the first line mentioning the key.
    }
    const loose = this.lines.findIndex((line) => new RegExp(`(^|[\\s{,.])${quotedKey}\\s*=`).test(line));
    return loose === -1 ? undefined : loose + 1;
  }
}

function sameTable(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
