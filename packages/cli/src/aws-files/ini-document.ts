/**
 * Line-preserving reading and editing of INI files as the AWS tools write them. Only the lines an edit
 * touches change; comments, blank lines, key order, other tools' keys and line endings stay as they were.
 */

export type SectionValues = Record<string, string>;

interface Line {
  text: string;
  kind: 'section' | 'key' | 'continuation' | 'other';
  section?: string;
  key?: string;
  value?: string;
}

const SECTION = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/;
const KEY = /^\s*([^=\s#;[][^=]*?)\s*=(.*)$/;

export class IniDocument {
  private readonly lines: Line[];
  private readonly eol: string;
  private finalNewline: boolean;

  constructor(text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.finalNewline = text === '' || text.endsWith('\n');
    const raw = text.split(/\r?\n/);
    if (raw.at(-1) === '') raw.pop();
    let section: string | undefined;
    let lastKeyInSection = false;
    this.lines = raw.map((textLine) => {
      const header = SECTION.exec(textLine);
      if (header) {
        section = header[1]!.trim();
        lastKeyInSection = false;
        return { text: textLine, kind: 'section', section };
      }
      if (/^\s+\S/.test(textLine) && lastKeyInSection && !/^\s*[#;]/.test(textLine)) {
        return { text: textLine, kind: 'continuation', section };
      }
      const pair = KEY.exec(textLine);
      if (pair && section !== undefined) {
        lastKeyInSection = true;
        return { text: textLine, kind: 'key', section, key: pair[1]!.trim(), value: pair[2]!.trim() };
      }
      if (textLine.trim() !== '') lastKeyInSection = false;
      return { text: textLine, kind: 'other', section };
    });
  }

  /** Every section with its keys; duplicate sections merge, later keys winning, as botocore reads them. */
  sections(): Map<string, SectionValues> {
    const result = new Map<string, SectionValues>();
    for (const line of this.lines) {
      if (line.kind === 'section') {
        if (!result.has(line.section!)) result.set(line.section!, {});
      } else if (line.kind === 'key') {
        result.get(line.section!)![line.key!] = line.value!;
      }
    }
    return result;
  }

  /** Sets keys of a section (creating it at the end when missing); a value of '' removes the key. */
  setValues(section: string, values: SectionValues, aliases: string[] = []): void {
    const names = [section, ...aliases];
    let headers = this.headerIndexes(names);
    if (headers.length === 0) {
      const entries = Object.entries(values).filter(([, v]) => v !== '');
      if (entries.length === 0) return;
      this.appendSection(section, entries);
      return;
    }
    // A section found under an alias (e.g. an unquoted profile name with spaces) is renamed to its canonical form.
    for (const index of headers) {
      const line = this.lines[index]!;
      if (line.section !== section) this.lines[index] = { text: `[${section}]`, kind: 'section', section };
    }
    for (const line of this.lines) if (names.includes(line.section ?? '')) line.section = section;
    headers = this.headerIndexes([section]);

    const pending = new Map(Object.entries(values));
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.kind !== 'key' || line.section !== section || !pending.has(line.key!)) continue;
      const value = pending.get(line.key!)!;
      if (value === '') {
        this.removeKeyAt(i);
        i--;
        continue;
      }
      if (value !== line.value) {
        this.removeContinuations(i);
        this.lines[i] = { ...line, text: `${line.key} = ${value}`, value };
      }
    }
    const missing = [...pending].filter(([key, value]) => value !== '' && !this.hasKey(section, key));
    if (missing.length === 0) return;
    const insertAt = this.endOfSectionContent(headers.at(-1)!);
    this.lines.splice(
      insertAt,
      0,
      ...missing.map(([key, value]) => ({
        text: `${key} = ${value}`,
        kind: 'key' as const,
        section,
        key,
        value,
      })),
    );
  }

  /** Removes every occurrence of a section with its lines, up to the next section. */
  removeSection(section: string, aliases: string[] = []): void {
    const names = [section, ...aliases];
    for (
      let start = this.headerIndexes(names)[0];
      start !== undefined;
      start = this.headerIndexes(names)[0]
    ) {
      let end = start + 1;
      while (end < this.lines.length && this.lines[end]!.kind !== 'section') end++;
      // Keep comments that sit directly above the next section: they belong to it.
      let keepFrom = end;
      while (
        keepFrom > start + 1 &&
        this.lines[keepFrom - 1]!.kind === 'other' &&
        this.lines[keepFrom - 1]!.text.trim() !== ''
      ) {
        keepFrom--;
      }
      if (keepFrom < end && end < this.lines.length) {
        this.lines.splice(start, keepFrom - start);
      } else {
        this.lines.splice(start, end - start);
      }
    }
  }

  toString(): string {
    if (this.lines.length === 0) return '';
    const body = this.lines.map((line) => line.text).join(this.eol);
    return this.finalNewline ? body + this.eol : body;
  }

  private hasKey(section: string, key: string): boolean {
    return this.lines.some((line) => line.kind === 'key' && line.section === section && line.key === key);
  }

  private headerIndexes(names: string[]): number[] {
    const indexes: number[] = [];
    this.lines.forEach((line, index) => {
      if (line.kind === 'section' && names.includes(line.section!)) indexes.push(index);
    });
    return indexes;
  }

  private removeKeyAt(index: number): void {
    this.removeContinuations(index);
    this.lines.splice(index, 1);
  }

  private removeContinuations(index: number): void {
    while (this.lines[index + 1]?.kind === 'continuation') this.lines.splice(index + 1, 1);
  }

  /** Index after the last key (or continuation) of the section that starts at `header`. */
  private endOfSectionContent(header: number): number {
    let last = header;
    for (let i = header + 1; i < this.lines.length && this.lines[i]!.kind !== 'section'; i++) {
      if (this.lines[i]!.kind === 'key' || this.lines[i]!.kind === 'continuation') last = i;
    }
    return last + 1;
  }

  private appendSection(section: string, entries: [string, string][]): void {
    const last = this.lines.at(-1);
    if (last && last.text.trim() !== '') this.lines.push({ text: '', kind: 'other' });
    this.finalNewline = true;
    this.lines.push({ text: `[${section}]`, kind: 'section', section });
    for (const [key, value] of entries)
      this.lines.push({ text: `${key} = ${value}`, kind: 'key', section, key, value });
  }
}
