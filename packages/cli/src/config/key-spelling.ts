/**
 * Key names as awstools read them. awstools (Go) decoded config.toml with github.com/naoina/toml v0.1.1 and
 * its DefaultConfig, whose NormFieldName lower-cases a key and drops every "_" before comparing it with a
 * struct field's name, also lower-cased without "_": `default_region`, `Default_Region` and `DEFAULTREGION`
 * all set DefaultRegion, `[Profiles]` is the profiles table. Other characters count (`default-region` matched
 * nothing, and an unknown key was an error there too). Names under [accounts] and [roles] are map keys, taken
 * literally. awst reads the same spellings, calls each by its canonical name, and suggests the closest known
 * key for one it does not know.
 */

type Table = Record<string, unknown>;

/** A table with fixed keys; those that hold a table have a shape of their own. */
export interface TableShape {
  keys: readonly string[];
  tables?: Record<string, TableShape | MapShape>;
}

/** A table of free names (accounts, roles): each value, when a table, has the shape `each`. */
export interface MapShape {
  each: TableShape;
}

/** naoina/toml's DefaultConfig.NormFieldName: lower case, without "_". */
export function normalizeKeyName(key: string): string {
  return key.toLowerCase().replaceAll('_', '');
}

/** The canonical name `key` stands for in a table of this shape; the key itself when it matches none. */
function canonicalKey(shape: TableShape | MapShape | undefined, key: string): string {
  if (!shape || !('keys' in shape) || shape.keys.includes(key)) return key;
  const norm = normalizeKeyName(key);
  return shape.keys.find((known) => normalizeKeyName(known) === norm) ?? key;
}

function childShape(
  shape: TableShape | MapShape | undefined,
  key: string,
): TableShape | MapShape | undefined {
  if (!shape) return undefined;
  return 'each' in shape ? shape.each : shape.tables?.[key];
}

export interface Respelling {
  /** Canonical names of the tables the key is in, e.g. ['profiles']. */
  table: string[];
  written: string;
  canonical: string;
}

export interface Respelled {
  data: Table;
  respellings: Respelling[];
  /** Keys set under two spellings in one table (awstools set the field twice, in no fixed order). */
  twice: { table: string[]; first: string; second: string; canonical: string }[];
  /** The names as written in the file for a canonical table path and key, to find their line. */
  written(table: string[], key: string): { table: string[]; key: string };
}

/** `data` with every key awstools would have matched renamed to its canonical spelling. */
export function respell(data: Table, shape: TableShape): Respelled {
  const respellings: Respelling[] = [];
  const twice: Respelled['twice'] = [];
  const writtenNames = new Map<string, string>();
  const id = (path: string[]) => path.join('\0');

  const walk = (table: Table, tableShape: TableShape | MapShape | undefined, path: string[]): Table => {
    const out: Table = {};
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(table)) {
      const canonical = canonicalKey(tableShape, key);
      const other = seen.get(canonical);
      if (other !== undefined) twice.push({ table: path, first: other, second: key, canonical });
      seen.set(canonical, key);
      if (canonical !== key) {
        respellings.push({ table: path, written: key, canonical });
        writtenNames.set(id([...path, canonical]), key);
      }
      const inner = childShape(tableShape, canonical);
      out[canonical] = inner && isTable(value) ? walk(value, inner, [...path, canonical]) : value;
    }
    return out;
  };

  const respelled = walk(data, shape, []);
  const writtenPath = (path: string[]) =>
    path.map((segment, i) => writtenNames.get(id(path.slice(0, i + 1))) ?? segment);
  return {
    data: respelled,
    respellings,
    twice,
    written: (table, key) => {
      const full = writtenPath([...table, key]);
      return { table: full.slice(0, -1), key: full.at(-1)! };
    },
  };
}

/**
 * The known key closest to `key` (case and "_" aside) when it is close enough to be a typo: at most one edit
 * in four letters (at least one), a swap of two neighbouring letters counting as one.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const norm = normalizeKeyName(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const target = normalizeKeyName(candidate);
    const distance = editDistance(norm, target);
    if (distance > Math.max(1, Math.floor(target.length / 4))) continue;
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
// A key at the start of a line or a header: bare, "basic" or 'literal', dotted with optional spaces.
const KEY_PART = `(?:[A-Za-z0-9_-]+|"(?:[^"\\\\]|\\\\.)*"|'[^']*')`;
const DOTTED = `${KEY_PART}(?:\\s*\\.\\s*${KEY_PART})*`;
const HEADER_LINE = new RegExp(`^(\\s*\\[\\[?\\s*)(${DOTTED})(\\s*\\]\\]?.*)$`, 's');
const KEY_LINE = new RegExp(`^(\\s*)(${DOTTED})(\\s*=)(.*)$`, 's');
const INLINE_KEY = new RegExp(`([{,]\\s*)(${KEY_PART})(\\s*=)`, 'g');

/**
 * config.toml's text with awstools' spellings of known keys replaced by the canonical ones, every other
 * byte kept. Handles header lines, `key =` lines (dotted keys too) and one level of inline table; a
 * multi-line string is skipped. The caller checks the result (canonicalSpellings in init/import-awstools.ts).
 */
export function respellText(text: string, shape: TableShape): string {
  let current: string[] = [];
  let multiline: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (multiline !== undefined) {
      if (line.includes(multiline)) multiline = undefined;
      continue;
    }
    const header = HEADER_LINE.exec(line);
    if (header) {
      const { text: keys, path } = respellDotted(header[2]!, [], shape);
      current = path;
      lines[i] = `${header[1]}${keys}${header[3]}`;
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry) continue;
    const { text: keys, path } = respellDotted(entry[2]!, current, shape);
    let value = entry[4]!;
    if (/^\s*\{/.test(value)) {
      value = value.replace(INLINE_KEY, (_m, before: string, key: string, eq: string) => {
        const name = unquote(key);
        const canonical = canonicalKey(shapeAt(shape, path), name);
        return `${before}${canonical === name ? key : canonical}${eq}`;
      });
    }
    for (const quote of ['"""', "'''"]) {
      if (value.split(quote).length % 2 === 0) multiline = quote;
    }
    lines[i] = `${entry[1]}${keys}${entry[3]}${value}`;
  }
  return lines.join('\n');
}

/** A dotted key read in table `base`: its text with known keys respelled, and the canonical path it names. */
function respellDotted(dotted: string, base: string[], shape: TableShape): { text: string; path: string[] } {
  const parts = splitDotted(dotted);
  const path = [...base];
  const canonicals = parts.map((part) => {
    const name = unquote(part.text);
    const canonical = canonicalKey(shapeAt(shape, path), name);
    path.push(canonical);
    return canonical === name ? undefined : canonical;
  });
  let text = dotted;
  // From the end, so that the offsets of earlier parts stay valid.
  for (let k = parts.length - 1; k >= 0; k--) {
    const canonical = canonicals[k];
    if (canonical === undefined) continue;
    const part = parts[k]!;
    text = text.slice(0, part.start) + canonical + text.slice(part.start + part.text.length);
  }
  return { text, path };
}

function shapeAt(shape: TableShape, path: string[]): TableShape | MapShape | undefined {
  let at: TableShape | MapShape | undefined = shape;
  for (const segment of path) at = childShape(at, segment);
  return at;
}

function splitDotted(dotted: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  const part = new RegExp(KEY_PART, 'y');
  let i = 0;
  while (i < dotted.length) {
    while (/[\s.]/.test(dotted[i]!)) i++;
    part.lastIndex = i;
    const match = part.exec(dotted);
    if (!match) break;
    parts.push({ text: match[0], start: i });
    i += match[0].length;
  }
  return parts;
}

function unquote(key: string): string {
  if (BARE_KEY.test(key)) return key;
  if (key.startsWith("'")) return key.slice(1, -1);
  try {
    return JSON.parse(key) as string;
  } catch {
    return key;
  }
}
