import { tomlKey, tomlString } from '@awst/rules';
import TOML from '@iarna/toml';
import { escapeRegExp } from '../text/escape-regexp.js';

/** What merging the team's config into an existing config.toml does. */
export interface ConfigMerge {
  /** The existing text with the new lines inserted; every line it had stays as it was. */
  text: string;
  /** Each setting added, as `where: key = value`. */
  added: string[];
  /** Each setting both have with different values: the existing value stays. */
  kept: string[];
}

type Table = Record<string, unknown>;

/**
 * Adds to `existing` what `incoming` has and it lacks: top-level settings, [profiles] and [accounts] entries,
 * [roles.NAME] tables and their keys. Nothing of `existing` is changed or removed (comments included); a
 * setting both have keeps the existing value and is reported in `kept`. Both texts must be valid TOML.
 */
export function mergeConfig(existing: string, incoming: string): ConfigMerge {
  const have = TOML.parse(existing) as Table;
  const want = TOML.parse(incoming) as Table;
  let text = existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
  const added: string[] = [];
  const kept: string[] = [];

  const compare = (where: string, key: string, ours: unknown, theirs: unknown): boolean => {
    if (ours === undefined) return false;
    if (renderValue(ours) !== renderValue(theirs)) {
      kept.push(`${where}${key}: yours ${renderValue(ours)}, the team's ${renderValue(theirs)}`);
    }
    return true;
  };

  const topLevel: string[] = [];
  for (const [key, value] of Object.entries(want)) {
    if (isTable(value)) continue;
    if (compare('', key, have[key], value)) continue;
    topLevel.push(`${tomlKey(key)} = ${renderValue(value)}`);
  }
  text = insertTopLevel(text, topLevel);
  added.push(...topLevel);

  for (const [table, value] of Object.entries(want)) {
    if (!isTable(value)) continue;
    const ours = isTable(have[table]) ? (have[table] as Table) : undefined;
    if (table === 'roles') {
      for (const [role, settings] of Object.entries(value)) {
        if (!isTable(settings)) continue;
        const header = `roles.${tomlKey(role)}`;
        text = mergeTable(text, header, isTable(ours?.[role]) ? (ours![role] as Table) : undefined, settings);
      }
    } else {
      text = mergeTable(text, tomlKey(table), ours, value);
    }
  }
  return { text, added, kept };

  function mergeTable(current: string, header: string, ours: Table | undefined, theirs: Table): string {
    const lines: string[] = [];
    for (const [key, value] of Object.entries(theirs)) {
      if (compare(`[${header}] `, key, ours?.[key], value)) continue;
      lines.push(`${tomlKey(key)} = ${renderValue(value)}`);
    }
    if (lines.length === 0) return current;
    added.push(...lines.map((line) => `[${header}] ${line}`));
    return insertInTable(current, header, ours !== undefined, lines);
  }
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A TOML value as config.toml holds them: strings, numbers, booleans and inline tables of those. */
function renderValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isTable(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${renderValue(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Before the first table header, so the keys stay top-level. */
function insertTopLevel(text: string, lines: string[]): string {
  if (lines.length === 0) return text;
  const header = /^[ \t]*\[/m.exec(text);
  if (!header) return `${text}${lines.join('\n')}\n`;
  return `${text.slice(0, header.index)}${lines.join('\n')}\n\n${text.slice(header.index)}`;
}

/** Right after the table's header when it has one, else as a new table at the end. */
function insertInTable(text: string, header: string, exists: boolean, lines: string[]): string {
  if (exists) {
    const parts = header.split('.').map((part) => {
      const bare = part.replace(/^"(.*)"$/, '$1');
      return `(?:${escapeRegExp(bare)}|"${escapeRegExp(bare)}")`;
    });
    const pattern = new RegExp(
      `^[ \\t]*\\[[ \\t]*${parts.join('[ \\t]*\\.[ \\t]*')}[ \\t]*\\][^\\n]*\\n?`,
      'm',
    );
    const found = pattern.exec(text);
    if (found) {
      const at = found.index + found[0].length;
      const newline = found[0].endsWith('\n') ? '' : '\n';
      return `${text.slice(0, at)}${newline}${lines.join('\n')}\n${text.slice(at)}`;
    }
  }
  const gap = text === '' || text.endsWith('\n\n') ? '' : '\n';
  return `${text}${gap}[${header}]\n${lines.join('\n')}\n`;
}
