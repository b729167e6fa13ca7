import { describe, expect, it } from 'vitest';
import { IniDocument } from '../../src/aws-files/ini-document.js';

const edit = (text: string, fn: (doc: IniDocument) => void) => {
  const doc = new IniDocument(text);
  fn(doc);
  return doc.toString();
};

describe('IniDocument reading', () => {
  it('reads sections with odd spacing, values containing = and both comment styles', () => {
    const doc = new IniDocument(
      [
        'top = ignored before any section',
        '# hash comment',
        '[a]',
        '  key1=v1',
        'key2   =   v=2==  ',
        '; semicolon comment',
        '[b c]',
        'x_security_token_expires = 2026-01-01T00:00:00Z',
        'manager = awsume',
      ].join('\n'),
    );
    expect(Object.fromEntries(doc.sections())).toEqual({
      a: { key1: 'v1', key2: 'v=2==' },
      'b c': { x_security_token_expires: '2026-01-01T00:00:00Z', manager: 'awsume' },
    });
  });

  it('merges duplicate sections (which botocore refuses) with the later key winning', () => {
    const doc = new IniDocument('[a]\nk = 1\nj = 2\n[b]\n[a]\nk = 3\n');
    expect(doc.sections().get('a')).toEqual({ k: '3', j: '2' });
  });

  it('keeps nested continuation lines as the value text, as botocore does', () => {
    const doc = new IniDocument('[profile x]\ns3 =\n  max_concurrent_requests = 20\nregion = eu-west-1\n');
    expect(doc.sections().get('profile x')).toEqual({
      s3: '\nmax_concurrent_requests = 20',
      region: 'eu-west-1',
    });
  });
});

describe('IniDocument editing keeps every line it does not touch', () => {
  const original = [
    '# my credentials',
    'orphan = before-any-section',
    '',
    '[default]',
    'aws_access_key_id=AKIADEFAULT ; kept',
    'aws_secret_access_key =  s=e=c',
    '',
    '; awsume keeps its own keys',
    '[work]',
    'aws_access_key_id = OLD',
    'manager = awsume',
    'x_security_token_expires = 2026-01-01T00:00:00Z',
    '',
    '# trailing comment',
  ].join('\n');

  it('changes one value in place and leaves everything else byte-identical', () => {
    const after = edit(original, (d) => d.setValues('work', { aws_access_key_id: 'NEW' }));
    expect(after).toBe(original.replace('aws_access_key_id = OLD', 'aws_access_key_id = NEW'));
  });

  it('adds keys after the last key of the section, not after its trailing blank line or comments', () => {
    const after = edit(original, (d) => d.setValues('work', { region: 'eu-west-1' }));
    expect(after).toBe(
      original.replace(
        'x_security_token_expires = 2026-01-01T00:00:00Z\n',
        'x_security_token_expires = 2026-01-01T00:00:00Z\nregion = eu-west-1\n',
      ),
    );
  });

  it('removes a key with an empty value, and leaves unchanged text alone', () => {
    expect(edit(original, (d) => d.setValues('work', { manager: '' }))).toBe(
      original.replace('manager = awsume\n', ''),
    );
    expect(edit(original, (d) => d.setValues('work', { aws_access_key_id: 'OLD' }))).toBe(original);
  });

  it('appends a new section after a blank line, adding the final newline a file lacked', () => {
    const after = edit('[a]\nk = 1', (d) => d.setValues('main-account DeveloperAccess', { k: '2' }));
    expect(after).toBe('[a]\nk = 1\n\n[main-account DeveloperAccess]\nk = 2\n');
  });

  it('keeps CRLF line endings', () => {
    const after = edit('[a]\r\nk = 1\r\n', (d) => d.setValues('a', { j: '2' }));
    expect(after).toBe('[a]\r\nk = 1\r\nj = 2\r\n');
  });

  it('keeps a missing final newline when editing in place', () => {
    expect(edit('[a]\nk = 1', (d) => d.setValues('a', { k: '2' }))).toBe('[a]\nk = 2');
  });

  it('merges a duplicate section into the first one, which botocore would refuse', () => {
    const after = edit('[a]\nk = 1\n# c\n[a]\nk = 1\nj = 3\n', (d) => d.setValues('a', { k: '2' }));
    expect(after).toBe('[a]\nk = 2\nj = 3\n# c\n');
  });

  it('replaces a nested value with its continuation lines', () => {
    const after = edit('[p]\ns3 =\n  a = 1\nregion = x\n', (d) => d.setValues('p', { s3: 'flat' }));
    expect(after).toBe('[p]\ns3 = flat\nregion = x\n');
  });

  it('removes a section but keeps the comment that introduces the next one', () => {
    const after = edit(original, (d) => d.removeSection('default'));
    expect(after).toBe(
      original.replace(
        '[default]\naws_access_key_id=AKIADEFAULT ; kept\naws_secret_access_key =  s=e=c\n\n',
        '',
      ),
    );
  });

  it('an empty file gets just the new section', () => {
    expect(edit('', (d) => d.setValues('a', { k: 'v' }))).toBe('[a]\nk = v\n');
    expect(edit('', (d) => d.setValues('a', { k: '' }))).toBe('');
  });
});

describe('IniDocument reads as botocore does and keeps bytes', () => {
  it('lower-cases keys, accepts key: value and takes headers literally up to the last ]', () => {
    const doc = new IniDocument('[ a ]\nKey: v\n[b] ; [c]\nX = 1\n[DEFAULT]\nshared = yes\n');
    expect(Object.fromEntries(doc.sections())).toEqual({
      ' a ': { key: 'v', shared: 'yes' },
      'b] ; [c': { x: '1', shared: 'yes' },
    });
    expect(doc.problem).toBeUndefined();
  });

  it('names what botocore would refuse', () => {
    expect(new IniDocument('[a]\nk = 1\nK = 2\n').problem).toBe('line 3: key k appears twice in [a]');
    expect(new IniDocument('[a]\n[a]\n').problem).toBe('line 2: section [a] appears twice');
    expect(new IniDocument('k = 1\n[a]\n').problem).toBe('line 1: text before the first [section]');
    expect(new IniDocument(Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x23, 0xe9, 0x0a])).problem).toBe(
      'it is not valid UTF-8',
    );
  });

  it('replaces an upper-case or colon key in place, keeping its indentation and every other byte', () => {
    const latin1 = Buffer.from('# caf\xe9\n[a]\n  Region: us-east-1\n  output = json\n', 'latin1');
    const doc = new IniDocument(latin1);
    doc.setValues('a', { region: 'eu-west-1' });
    expect(doc.toBuffer()).toEqual(
      Buffer.from('# caf\xe9\n[a]\n  region = eu-west-1\n  output = json\n', 'latin1'),
    );
  });

  it('keeps a header a header when the section above it is removed', () => {
    const after = edit('[a]\nk = 1\n[b]\n  j = 2\n  [c]\nx = 3\n', (d) => d.removeSection('b'));
    expect(after).toBe('[a]\nk = 1\n[c]\nx = 3\n');
    expect([...new IniDocument(after).sections().keys()]).toEqual(['a', 'c']);
  });

  it('refuses a line break in a value or section name', () => {
    const doc = new IniDocument('[a]\n');
    expect(() => doc.setValues('a', { region: 'eu-west-1\n[default]' })).toThrow('line break');
    expect(() => doc.setValues('x\ny', { k: 'v' })).toThrow('line break');
    expect(doc.toString()).toBe('[a]\n');
  });
});
