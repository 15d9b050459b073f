/**
 * Global set-up of the browser tests (vitest.config.ts, project "browser"): bundles the server
 * (server/src/index.ts with the shared code) once per run with esbuild, as scripts/build-cli.mjs bundles the
 * command line, so that each test file's server (harness.ts `startServer`) starts plain JavaScript instead of
 * compiling TypeScript through tsx: 4 s instead of 8–12 s a start on the loaded 2-core machine, ×28 starts.
 * Built from the current sources on every run (never stale), into a folder of its own under server/dist (so
 * that better-sqlite3 and pg resolve from node_modules; runs at the same time do not share it), removed at
 * the end. The path reaches the test processes as MBW_E2E_SERVER; without it `startServer` runs tsx.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Each source's `import.meta.url` as seen from the bundle's folder (the client, migrations and worker paths resolve as under tsx). */
const ownImportMetaUrl = (outDir: string): Plugin => ({
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = relative(outDir, args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
});

/**
 * Packages stay outside the bundle, loaded from node_modules as under tsx (esbuild's own reading of a CommonJS
 * package differs: a dynamic import of @zxcvbn-ts/language-common lost its named exports); the workspace's own
 * packages (@mbw/*, TypeScript sources) are bundled.
 */
const packagesOutside: Plugin = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@mbw/') ? undefined : { path: args.path, external: true }));
  },
};

export default async function setup() {
  mkdirSync(join(ROOT, 'server/dist'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, 'server/dist/e2e-server-'));
  await build({
    entryPoints: { index: join(ROOT, 'server/src/index.ts') },
    outdir: outDir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [packagesOutside, ownImportMetaUrl(outDir)],
    // CommonJS packages in the bundle call require() for Node's built-in modules.
    banner: { js: "import { createRequire as __mbwCreateRequire } from 'node:module'; const require = __mbwCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
  });
  process.env.MBW_E2E_SERVER = join(outDir, 'index.mjs');
  return () => rmSync(outDir, { recursive: true, force: true });
}
