import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOADER_IMPORT = Symbol.for('awst.importExternal');

/**
 * Set by scripts/bundle.mjs to the folder, beside the bundle, that holds the packages it bundled apart
 * (the AWS SDK, inquirer) as files of their own; undefined when the sources run as they are.
 */
declare const AWST_LAZY_DIR: string | undefined;

/**
 * import() of a package that is loaded only on the paths that need it (the AWS SDK, inquirer). In the
 * built CLI the package is a file in dist/lazy/, named after the package's last path segment, so an
 * installed awst needs nothing from node_modules; run from the sources it is the package itself.
 * bin/load-bundle.cjs runs the bundle from V8's code cache, where Node 20 cannot resolve an import()
 * written in the cached code ("A dynamic import callback was not specified"), so the loader hands over
 * an import() of its own.
 */
export function importExternal<T>(specifier: string): Promise<T> {
  const target =
    typeof AWST_LAZY_DIR === 'string'
      ? pathToFileURL(join(__dirname, AWST_LAZY_DIR, `${specifier.split('/').pop()}.mjs`)).href
      : specifier;
  const fromLoader = (globalThis as Record<symbol, unknown>)[LOADER_IMPORT] as
    | ((specifier: string) => Promise<T>)
    | undefined;
  return fromLoader ? fromLoader(target) : import(target);
}
