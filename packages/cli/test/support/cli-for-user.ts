import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CLI_BIN } from '@awst/testkit';

/**
 * The built CLI as another user can run it. A clone in a folder that user cannot enter (a 0750 home,
 * /root, a mktemp -d folder) gives it no way to reach bin/awst.cjs, so a test run as that user would see
 * Node's "cannot find module" instead of awst's message. Then this copies what the CLI loads (bin, dist,
 * and the packages its node_modules links to, with the links' layout) into a folder the user can reach.
 * Returns the launcher to run, `skip` with the reason when even Node is out of the user's reach, and
 * `remove` for the copy. `asUser` runs a command as that user (e.g. setpriv with --reuid).
 */
export function cliForUser(asUser: (command: string, args: string[]) => string[]): {
  bin?: string;
  skip?: string;
  remove(): void;
} {
  const nothing = () => {};
  const runs = (args: string[]) => {
    const [command, ...rest] = asUser(process.execPath, args);
    return spawnSync(command!, rest, { encoding: 'utf8' }).status === 0;
  };
  if (!runs(['-e', '0'])) return { skip: `that user cannot run ${process.execPath}`, remove: nothing };
  if (runs([CLI_BIN, '--version']) && runs(['-e', loadsSdk(dirname(dirname(CLI_BIN)))])) {
    return { bin: CLI_BIN, remove: nothing };
  }
  const copy = copyCli();
  if (!runs([copy.bin, '--version']) || !runs(['-e', loadsSdk(copy.packageDir)])) {
    copy.remove();
    return { skip: `that user cannot run a copy of the CLI in ${tmpdir()} either`, remove: nothing };
  }
  return copy;
}

/** A script that resolves and reads the AWS SDK from the CLI's package folder, as `awst assume` does. */
function loadsSdk(packageDir: string): string {
  return `require(require.resolve('@aws-sdk/client-sts', { paths: [${JSON.stringify(packageDir)}] }))`;
}

function copyCli(): { bin: string; packageDir: string; remove(): void } {
  const packageDir = dirname(dirname(realpathSync(CLI_BIN)));
  const repo = resolve(packageDir, '..', '..');
  const root = mkdtempSync(join(tmpdir(), 'awst-cli-copy-'));
  const to = (file: string) => join(root, relative(repo, file));
  for (const part of ['bin', 'dist', 'package.json'])
    cpSync(join(packageDir, part), to(join(packageDir, part)), { recursive: true });
  // pnpm's layout: the package's node_modules links into node_modules/.pnpm/<entry>/node_modules/<name>, and
  // each entry's node_modules holds links to its own dependencies' entries. Copy the links and every entry
  // they lead to, so the copy resolves as the original does.
  const store = join(repo, 'node_modules', '.pnpm');
  const entries = new Set<string>();
  const visitLinks = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.name.startsWith('@') && item.isDirectory()) visitLinks(path);
      else if (item.isSymbolicLink()) {
        const target = resolve(dir, readlinkSync(path));
        if (!target.startsWith(store + sep)) continue;
        const entry = join(store, relative(store, target).split(sep)[0]!);
        if (entries.has(entry)) continue;
        entries.add(entry);
        visitLinks(join(entry, 'node_modules'));
      }
    }
  };
  // What the CLI loads at run time: its dependencies (the bundle holds the rest).
  const links = join(packageDir, 'node_modules');
  const runtime = Object.keys(
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).dependencies,
  );
  for (const name of runtime) {
    const link = join(links, name);
    const entry = join(store, relative(store, realpathSync(link)).split(sep)[0]!);
    entries.add(entry);
    visitLinks(join(entry, 'node_modules'));
    mkdirSync(dirname(to(link)), { recursive: true });
    cpSync(link, to(link), { verbatimSymlinks: true });
  }
  for (const entry of entries) cpSync(entry, to(entry), { recursive: true, verbatimSymlinks: true });
  chmodSync(root, 0o755);
  const bin = to(realpathSync(CLI_BIN));
  if (!existsSync(bin)) throw new Error(`copying the CLI left out ${bin}`);
  return { bin, packageDir: to(packageDir), remove: () => rmSync(root, { recursive: true, force: true }) };
}
