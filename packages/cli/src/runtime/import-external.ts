const LOADER_IMPORT = Symbol.for('awst.importExternal');

/**
 * import() of a package kept out of the bundle (the AWS SDK, inquirer). bin/load-bundle.cjs runs the bundle
 * from V8's code cache, where Node 20 cannot resolve an import() written in the cached code ("A dynamic
 * import callback was not specified"), so the loader hands over an import() of its own. Without the loader
 * (tests on the sources) this is a plain import().
 */
export function importExternal<T>(specifier: string): Promise<T> {
  const fromLoader = (globalThis as Record<symbol, unknown>)[LOADER_IMPORT] as
    | ((specifier: string) => Promise<T>)
    | undefined;
  return fromLoader ? fromLoader(specifier) : import(specifier);
}
