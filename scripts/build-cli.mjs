/* global process, console, performance, URL */
// Bundles the command line (server/src/cli.ts with the shared code) into
// server/dist/cli.mjs, so that `npm run cli` starts plain JavaScript instead of
// compiling TypeScript through tsx on every run (issue 13: start-up was ~1 s of
// the agreement command's 2 s budget). Run by `npm run build`, and by
// scripts/cli.mjs when the bundle is missing or older than a source.
//
// Native and database driver packages stay outside the bundle (loaded from
// node_modules as before). Each source's `import.meta.url` is rewritten to that
// source's own place relative to the bundle, so paths such as the migrations
// folder resolve as they do under tsx.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = join(ROOT, 'server/src/cli.ts');
/** The entry; each command's code is a chunk beside it, loaded when the command runs. */
export const OUT_DIR = join(ROOT, 'server/dist/cli');
export const OUT = join(OUT_DIR, 'cli.mjs');
/** What the bundle is made of: a newer file here makes it stale. */
export const SOURCES = ['server/src', 'shared/src', 'server/package.json', 'shared/package.json', 'package-lock.json', 'scripts/build-cli.mjs'].map((p) => join(ROOT, p));

const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', 'tsx', 'tsx/*'];

/** `import.meta.url` of each source file, as seen from the bundle's folder. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = relative(OUT_DIR, args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * Builds the bundle. Chunks are named by their content and written first, the
 * entry last (to a temporary file, renamed): a build running at the same
 * time as another, or as the command line, never leaves half a bundle.
 */
export async function buildCli({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { cli: ENTRY },
    outdir: OUT_DIR,
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    plugins: [ownUrl],
    // CommonJS packages in the bundle call require() for Node's built-in modules.
    banner: { js: "import { createRequire as __mbwCreateRequire } from 'node:module'; const require = __mbwCreateRequire(import.meta.url);" },
    logLevel: quiet ? 'silent' : 'warning',
    legalComments: 'none',
  });
  await mkdir(OUT_DIR, { recursive: true });
  const entry = result.outputFiles.find((f) => f.path === OUT);
  const chunks = result.outputFiles.filter((f) => f !== entry);
  // each file whole or not at all: a command starting meanwhile never reads half a chunk
  const put = async (f) => {
    const tmp = `${f.path}.${process.pid}.tmp`;
    await writeFile(tmp, f.contents);
    await rename(tmp, f.path);
  };
  await Promise.all(chunks.map(put));
  await put(entry);
  // chunks of older builds, once no command started a minute ago can still be loading them
  const keep = new Set([basename(OUT), ...chunks.map((f) => basename(f.path))]);
  for (const name of await readdir(OUT_DIR)) {
    const path = join(OUT_DIR, name);
    const made = keep.has(name) ? null : await stat(path).catch(() => null); // another build may have renamed it
    if (made && Date.now() - made.mtimeMs > 60_000) await rm(path, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  await buildCli();
  console.error(`Built ${relative(ROOT, OUT)} in ${Math.round(performance.now() - t0)} ms`);
}
