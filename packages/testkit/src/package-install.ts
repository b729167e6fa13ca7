import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** packages/cli of this monorepo: the package users install. */
export const CLI_PACKAGE = resolve(import.meta.dirname, '../../cli');

/**
 * Packs packages/cli into `destination` as `pnpm pack` does for a release (workspace: versions
 * rewritten), from the dist/ that `pnpm build` made: its prepack script is skipped, so that packing never
 * rebuilds dist/ under tests that run beside it. Returns the tarball's path.
 */
export function packCli(destination: string): string {
  const out = spawnSync('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: CLI_PACKAGE,
    env: { ...process.env, npm_config_ignore_scripts: 'true' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`pnpm pack failed: ${out.stderr}${out.stdout}`);
  const { filename } = JSON.parse(out.stdout) as { filename: string };
  return resolve(destination, filename);
}

/**
 * PATH without some commands (pnpm, say) and with everything else: each folder of PATH that holds one of
 * them is replaced by a folder of links, made under `into`, to all of its other entries.
 */
export function pathWithout(commands: string[], into: string, path = process.env.PATH ?? ''): string {
  const seen = new Map<string, string>();
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => {
      if (!commands.some((c) => existsSync(join(dir, c)))) return dir;
      const real = realpathSync(dir);
      let shadow = seen.get(real);
      if (!shadow) {
        shadow = join(into, `path-${seen.size}`);
        mkdirSync(shadow, { recursive: true });
        for (const entry of readdirSync(real)) {
          if (!commands.includes(entry)) symlinkSync(join(real, entry), join(shadow, entry));
        }
        seen.set(real, shadow);
      }
      return shadow;
    })
    .join(delimiter);
}

/** How many packages a node_modules folder holds, those nested in other packages' node_modules included. */
export function countPackages(nodeModules: string): number {
  if (!existsSync(nodeModules)) return 0;
  let count = 0;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const dir = join(nodeModules, entry);
    if (!statSync(dir).isDirectory()) continue;
    const packages = entry.startsWith('@') ? readdirSync(dir).map((name) => join(dir, name)) : [dir];
    for (const pkg of packages) count += 1 + countPackages(join(pkg, 'node_modules'));
  }
  return count;
}

export interface GlobalInstall {
  /** The --prefix folder; the command is prefix/bin/awst. */
  prefix: string;
  /** The installed package's folder. */
  packageDir: string;
  /** The empty HOME npm ran with. */
  home: string;
  /** PATH without pnpm and other copies of awst (or whatever `without` named), with prefix/bin first. */
  path: string;
  /** npm's wall time, in seconds. */
  seconds: number;
  /** Packages under prefix/lib/node_modules. */
  packages: number;
}

/**
 * `npm install -g --prefix <fresh folder> <tarball>` as a user runs it: an empty HOME (so an empty npm
 * cache and no .npmrc), no pnpm on PATH, and no awst but the installed one. Everything is made under `dir`.
 */
export function installGlobally(
  tarball: string,
  dir: string,
  without = ['pnpm', 'pnpx', 'awst'],
): GlobalInstall {
  const prefix = join(dir, 'prefix');
  const home = join(dir, 'home');
  mkdirSync(prefix, { recursive: true });
  mkdirSync(home, { recursive: true });
  const path = pathWithout(without, join(dir, 'path'));
  const start = performance.now();
  const out = spawnSync('npm', ['install', '-g', '--prefix', prefix, tarball], {
    env: { PATH: path, HOME: home, LANG: process.env.LANG ?? 'C.UTF-8' },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - start) / 1000;
  if (out.status !== 0) throw new Error(`npm install -g failed: ${out.stderr}${out.stdout}`);
  const nodeModules = join(prefix, 'lib', 'node_modules');
  return {
    prefix,
    packageDir: join(nodeModules, 'awst'),
    home,
    path: `${join(prefix, 'bin')}${delimiter}${path}`,
    seconds,
    packages: countPackages(nodeModules),
  };
}
