/**
 * Line-preserving reading and editing of the shared AWS files, read the way botocore reads them (Python's
 * configparser as botocore configures it): keys lower-cased, `key = value` and `key: value`, full-line `#`/`;`
 * comments only, section names taken literally up to the last `]`, indented lines continuing the value above.
 * Untouched lines keep their exact bytes (non-UTF-8 included); edited lines keep their indentation.
 */

import { isUtf8 } from 'node:buffer';

export type SectionValues = Record<string, string>;

type Kind = 'section' | 'key' | 'continuation' | 'blank' | 'comment' | 'orphan' | 'error';

interface Line {
  raw: Buffer;
  eol: string;
  text: string;
}

interface LineInfo {
  kind: Kind;
  /** On a section line: the section's name. */
  section?: string;
  key?: string;
  /** For a continuation: the index of its key line. */
  owner?: number;
}

interface Parsed {
  info: LineInfo[];
  values: Map<string, SectionValues>;
  problem?: string;
}

// Python's str.isspace(): what configparser strips and what its `\s` matches.
const WS =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const RSTRIP = new RegExp(`[${WS}]+$`);
const NONSPACE = new RegExp(`[^${WS}]`);
const HEADER = /^\[([^\n]+)\]/;
const OPTION = new RegExp(`^([^\\n]*?)[${WS}]*([=:])[${WS}]*([^\\n]*)$`);
const DEFAULT_SECTION = 'DEFAULT';

const LSTRIP = new RegExp(`^[${WS}]+`);
const strip = (text: string) => text.replace(STRIP, '');
const newLine = (text: string, eol: string): Line => ({ raw: Buffer.from(text, 'utf8'), eol, text });

export class IniDocument {
  private lines: Line[];
  private parsed: Parsed;
  private readonly eol: string;
  private readonly bom: boolean;
  private readonly utf8: boolean;

  constructor(content: string | Buffer) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.utf8 = isUtf8(bytes);
    this.lines = splitLines(bytes);
    this.bom = this.lines[0]?.text.startsWith('\ufeff') ?? false;
    this.eol = this.lines.find((line) => line.eol !== '')?.eol ?? '\n';
    this.parsed = this.parse();
  }

  /**
   * Every section with its keys, as botocore's raw_config_parse returns them (nested values stay text).
   * Where botocore refuses the file (see `problem`), duplicate sections merge and later keys win.
   */
  sections(): Map<string, SectionValues> {
    return this.parsed.values;
  }

  /**
   * Every section header's name in file order, configparser's [DEFAULT] included, with the keys its own
   * lines set (none inherited from [DEFAULT]).
   */
  ownKeys(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    let current: string[] | undefined;
    for (const line of this.parsed.info) {
      if (line.kind === 'section') {
        current = result.get(line.section!) ?? [];
        result.set(line.section!, current);
      } else if (line.kind === 'key' && current && !current.includes(line.key!)) {
        current.push(line.key!);
      }
    }
    return result;
  }

  /** Why botocore would refuse the whole file, or undefined when it reads it. */
  get problem(): string | undefined {
    return this.parsed.problem;
  }

  /** Sets keys (lower-case names) of a section, creating it at the end when missing; '' removes a key. */
  setValues(section: string, values: SectionValues): void {
    // A line break in a name or value would write lines of its own (a section every AWS tool reads).
    const texts = [section, ...Object.entries(values).flat()];
    if (texts.some((text) => /[\r\n]/.test(text))) {
      throw new Error(`refusing to write a line break into [${section.replace(/[\r\n]/g, ' ')}]`);
    }
    this.mergeDuplicates(section);
    const header = this.headers(section)[0];
    if (header === undefined) {
      const entries = Object.entries(values).filter(([, v]) => v !== '');
      if (entries.length > 0) this.appendSection(section, entries);
      return;
    }
    const missing: [string, string][] = [];
    for (const [name, value] of Object.entries(values)) {
      const key = name.toLowerCase();
      const found = this.keyLines(header, key);
      if (value === '') {
        for (const index of found.reverse()) this.removeKey(index);
        continue;
      }
      if (found.length === 0) {
        missing.push([key, value]);
        continue;
      }
      for (const index of found.slice(1).reverse()) this.removeKey(index);
      const first = found[0]!;
      if (this.parsed.values.get(section)?.[key] === value && !this.hasContinuation(first)) continue;
      this.removeContinuations(first);
      const indent = /^[ \t]*/.exec(this.lines[first]!.text)![0];
      this.replace(first, 1, [`${indent}${key} = ${value}`]);
    }
    if (missing.length > 0) {
      this.insert(
        this.endOfKeys(header),
        missing.map(([key, value]) => `${key} = ${value}`),
      );
    }
  }

  /** Removes every block of a section, keeping comments that sit directly above the next section. */
  removeSection(section: string): void {
    for (let header = this.headers(section)[0]; header !== undefined; header = this.headers(section)[0]) {
      this.removeBlock(header);
    }
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.lines.flatMap((line) => [line.raw, Buffer.from(line.eol, 'latin1')]));
  }

  toString(): string {
    return this.toBuffer().toString('utf8');
  }

  private parse(): Parsed {
    const info: LineInfo[] = [];
    const lists = new Map<string, Map<string, string[]>>();
    const seenSections = new Set<string>();
    const seenKeys = new Set<string>();
    let problem: string | undefined = this.utf8 ? undefined : 'it is not valid UTF-8';
    if (this.bom) problem ??= 'it starts with a byte-order mark';
    const fail = (index: number, why: string) => {
      problem ??= `line ${index + 1}: ${why}`;
    };
    let section: string | undefined;
    let optKey: string | undefined;
    let optLine = -1;
    let indentLevel = 0;
    this.lines.forEach((line, index) => {
      const text = index === 0 && this.bom ? line.text.slice(1) : line.text;
      const value = strip(text);
      if (value.startsWith('#') || value.startsWith(';')) {
        info.push({ kind: 'comment' });
        return;
      }
      if (value === '') {
        if (section !== undefined && optKey) lists.get(section)!.get(optKey)!.push('');
        info.push({ kind: 'blank' });
        return;
      }
      const indent = text.search(NONSPACE);
      if (section !== undefined && optKey && indent > indentLevel) {
        lists.get(section)!.get(optKey)!.push(value);
        info.push({ kind: 'continuation', owner: optLine });
        return;
      }
      indentLevel = indent;
      const headerMatch = HEADER.exec(value);
      if (headerMatch) {
        section = headerMatch[1]!;
        optKey = undefined;
        if (seenSections.has(section) && section !== DEFAULT_SECTION) {
          fail(index, `section [${section}] appears twice`);
        }
        seenSections.add(section);
        if (!lists.has(section)) lists.set(section, new Map());
        info.push({ kind: 'section', section });
        return;
      }
      if (section === undefined) {
        fail(index, 'text before the first [section]');
        info.push({ kind: 'orphan' });
        return;
      }
      const option = OPTION.exec(value);
      if (!option) {
        fail(index, 'a line that is neither a section, a key nor a comment');
        info.push({ kind: 'error' });
        return;
      }
      const key = option[1]!.replace(RSTRIP, '').toLowerCase();
      if (key === '') fail(index, 'a key without a name');
      const seen = `${section}\0${key}`;
      if (seenKeys.has(seen)) fail(index, `key ${key} appears twice in [${section}]`);
      seenKeys.add(seen);
      lists.get(section)!.set(key, [strip(option[3]!)]);
      optKey = key;
      optLine = index;
      info.push({ kind: 'key', key });
    });

    const joined = new Map<string, SectionValues>();
    for (const [name, keys] of lists) {
      const values: SectionValues = {};
      for (const [key, parts] of keys) {
        values[key] = parts.join('\n').replace(RSTRIP, '');
        if (
          values[key]!.startsWith('\n') &&
          values[key]!.split('\n').some((l) => strip(l) !== '' && !l.includes('='))
        ) {
          problem ??= `[${name}] ${key}: a nested line without "="`;
        }
      }
      joined.set(name, values);
    }
    // configparser's [DEFAULT] section: its keys appear in every other section.
    const defaults = joined.get(DEFAULT_SECTION);
    joined.delete(DEFAULT_SECTION);
    if (defaults) for (const [name, values] of joined) joined.set(name, { ...defaults, ...values });
    return { info, values: joined, problem };
  }

  private headers(section: string): number[] {
    const result: number[] = [];
    this.parsed.info.forEach((line, index) => {
      if (line.kind === 'section' && line.section === section) result.push(index);
    });
    return result;
  }

  private blockEnd(header: number): number {
    let end = header + 1;
    while (end < this.lines.length && this.parsed.info[end]!.kind !== 'section') end++;
    return end;
  }

  private keyLines(header: number, key: string): number[] {
    const result: number[] = [];
    const end = this.blockEnd(header);
    for (let i = header + 1; i < end; i++) {
      const line = this.parsed.info[i]!;
      if (line.kind === 'key' && line.key === key) result.push(i);
    }
    return result;
  }

  private hasContinuation(keyLine: number): boolean {
    return this.parsed.info.some((line) => line.kind === 'continuation' && line.owner === keyLine);
  }

  private removeContinuations(keyLine: number): void {
    for (let i = this.lines.length - 1; i > keyLine; i--) {
      const line = this.parsed.info[i]!;
      if (line.kind === 'continuation' && line.owner === keyLine) this.replace(i, 1, []);
    }
  }

  private removeKey(keyLine: number): void {
    this.removeContinuations(keyLine);
    this.replace(keyLine, 1, []);
  }

  /** Index after the last key (or continuation) of the block starting at `header`. */
  private endOfKeys(header: number): number {
    let last = header;
    const end = this.blockEnd(header);
    for (let i = header + 1; i < end; i++) {
      const kind = this.parsed.info[i]!.kind;
      if (kind === 'key' || kind === 'continuation' || kind === 'error') last = i;
    }
    return last + 1;
  }

  /** First and last+1 line of a block, leaving out comments directly above the next section. */
  private blockSpan(header: number): [number, number] {
    const end = this.blockEnd(header);
    let keepFrom = end;
    while (keepFrom > header + 1 && this.parsed.info[keepFrom - 1]!.kind === 'comment') keepFrom--;
    return [header, keepFrom < end && end < this.lines.length ? keepFrom : end];
  }

  private removeBlock(header: number): void {
    const [start, end] = this.blockSpan(header);
    this.replace(start, end - start, []);
    this.deindentHeaderAt(start);
  }

  /**
   * botocore refuses a file with a section twice. Later blocks of `section` move into the first one: their
   * lines go after its last key (a key the first block also has replaces it), in their order.
   */
  private mergeDuplicates(section: string): void {
    for (
      let dupes = this.headers(section).slice(1);
      dupes.length > 0;
      dupes = this.headers(section).slice(1)
    ) {
      const later = dupes[0]!;
      const [start, end] = this.blockSpan(later);
      const moved: Line[] = [];
      const movedKeys: string[] = [];
      for (let i = start + 1; i < end; i++) {
        const line = this.parsed.info[i]!;
        if (line.kind === 'blank') continue;
        if (line.kind !== 'key') {
          moved.push(this.lines[i]!);
          continue;
        }
        // A key line moves to indent 0, so it cannot become a continuation of the key above it.
        movedKeys.push(line.key!);
        moved.push(newLine(this.lines[i]!.text.replace(LSTRIP, ''), this.lines[i]!.eol));
      }
      this.replace(start, end - start, []);
      this.deindentHeaderAt(start);
      const first = this.headers(section)[0]!;
      for (const key of movedKeys)
        for (const index of this.keyLines(first, key).reverse()) this.removeKey(index);
      this.insertLines(this.endOfKeys(first), moved);
    }
  }

  /** A header left after lines were removed must not turn into a continuation of the key now above it. */
  private deindentHeaderAt(index: number): void {
    const line = this.lines[index];
    if (!line || this.parsed.info[index]?.kind === 'section' || !/^[ \t]+\[/.test(line.text)) return;
    this.replace(index, 1, [line.text.replace(/^[ \t]+/, '')], line.eol);
  }

  private appendSection(section: string, entries: [string, string][]): void {
    const last = this.lines.at(-1);
    if (last && last.eol === '') last.eol = this.eol;
    const blank = last && strip(last.text) !== '' ? [''] : [];
    this.insert(
      this.lines.length,
      [...blank, `[${section}]`, ...entries.map(([key, value]) => `${key} = ${value}`)],
      this.eol,
    );
  }

  /** Inserts new lines before `index`; a file without a final newline keeps lacking one. */
  private insert(index: number, texts: string[], finalEol?: string): void {
    this.insertLines(
      index,
      texts.map((text) => newLine(text, this.eol)),
      finalEol,
    );
  }

  private insertLines(index: number, lines: Line[], finalEol?: string): void {
    if (lines.length === 0) return;
    const before = this.lines[index - 1];
    let lastEol = this.eol;
    if (index === this.lines.length && before && before.eol === '') {
      before.eol = this.eol;
      lastEol = '';
    }
    const added = lines.map((line, k) => ({
      ...line,
      eol: k === lines.length - 1 ? (finalEol ?? lastEol) : line.eol || this.eol,
    }));
    this.lines.splice(index, 0, ...added);
    this.parsed = this.parse();
  }

  private replace(index: number, count: number, texts: string[], eol?: string): void {
    const removedLastEol = this.lines[index + count - 1]?.eol ?? this.eol;
    const added = texts.map((text, k) =>
      newLine(text, k === texts.length - 1 ? (eol ?? removedLastEol) : this.eol),
    );
    this.lines.splice(index, count, ...added);
    // Removing the last line must not leave the new last line with a newline the file never ended with.
    if (texts.length === 0 && count > 0 && index === this.lines.length && removedLastEol === '') {
      const last = this.lines.at(-1);
      if (last) last.eol = '';
    }
    this.parsed = this.parse();
  }
}

function splitLines(bytes: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x0a && byte !== 0x0d) continue;
    const eol = byte === 0x0d && bytes[i + 1] === 0x0a ? '\r\n' : byte === 0x0d ? '\r' : '\n';
    const raw = bytes.subarray(start, i);
    lines.push({ raw, eol, text: raw.toString('utf8') });
    i += eol.length - 1;
    start = i + 1;
  }
  if (start < bytes.length) {
    const raw = bytes.subarray(start);
    lines.push({ raw, eol: '', text: raw.toString('utf8') });
  }
  return lines;
}
