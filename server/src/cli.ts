/**
 * The workbench's command line: `npm run cli -- <command> …` (see --help).
 * It works on the same database as the server (DATABASE_URL or DATABASE_PATH) through the
 * same services, and measures agreement on JSONL from any tool.
 *
 * Each command's code is loaded only when it runs (the agreement command
 * does not load the database drivers), and `npm run cli` runs this bundled
 * ahead into server/dist/cli.mjs (scripts/build-cli.mjs): start-up counts in
 * the agreement command's 2 s (issue 13).
 */
import { ApiError } from './http/errors.js';
import { UsageError } from './cliCommon.js';

const HELP = `Media Bias Workbench command line

Usage: npm run cli -- <command> [options]

Commands:
  import      import .jsonl or .txt files into a project
  export      export a project's spans as a dataset
  agreement   inter-annotator agreement of a JSONL file
  profile     media-bias profile (outlets, stories) of a JSONL file
  backup      copy the SQLite database to a file while the server runs
              (PostgreSQL: pg_dump)
  restore     replace the SQLite database with a backup (server stopped)
  copy        copy the whole database between SQLite and PostgreSQL

Run "npm run cli -- <command> --help" for a command's options.
The database is DATABASE_URL (postgres://…) or else DATABASE_PATH (default
./data/workbench.db), as for the server.`;

interface Command {
  run: (args: string[]) => Promise<void>;
  /** Errors of the command that are the user's (printed without a stack). */
  userErrors?: Array<abstract new (...args: never[]) => Error>;
}

const commands: Record<string, () => Promise<Command>> = {
  import: async () => ({ run: (await import('./cliProject.js')).runImport }),
  export: async () => ({ run: (await import('./cliProject.js')).runExport }),
  agreement: async () => ({ run: (await import('./cliAgreement.js')).runAgreement }),
  profile: async () => ({ run: (await import('./cliProfile.js')).runProfile }),
  backup: async () => {
    const m = await import('./cliBackup.js');
    return { run: m.runBackup, userErrors: [m.BackupError] };
  },
  restore: async () => {
    const m = await import('./cliBackup.js');
    return { run: m.runRestore, userErrors: [m.BackupError] };
  },
  copy: async () => {
    const m = await import('./cliCopy.js');
    return { run: m.runCopy, userErrors: [m.CopyError] };
  },
};

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') return console.log(HELP);
  const load = commands[command];
  if (!load) throw new UsageError(`unknown command "${command}"`);
  const { run, userErrors = [] } = await load();
  try {
    await run(rest);
  } catch (e) {
    if (userErrors.some((E) => e instanceof E)) throw new UsageError((e as Error).message);
    throw e;
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError || e instanceof ApiError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(`Error: ${(e as Error).message}\n(see --help)`);
  else console.error(e);
  process.exitCode = 2;
});
