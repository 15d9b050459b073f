/* global process, console, performance */
// `npm test`: the typecheck, the lint and the build at the same time (each is
// mostly one thread: on 2 cores, one waited for the other ≈ 45 s), then the
// tests (vitest run, which needs the build). Each step's output is printed
// whole when it ends, in this order; the first failing step fails the run and
// the tests do not start, as with `typecheck && lint && build && vitest run`.
// Arguments are handed to vitest (`npm test -- tests/api`).
import { spawn } from 'node:child_process';

const STEPS = ['typecheck', 'lint', 'build'];

/** Runs `npm run <script>` with its output collected: its exit code, output and seconds. */
function run(script) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (e) => done({ script, code: 1, output: `${output}${e.message}\n`, seconds: 0 }));
    child.on('close', (code) => done({ script, code: code ?? 1, output, seconds: (performance.now() - t0) / 1000 }));
  });
}

const results = await Promise.all(STEPS.map(run));
for (const r of results) {
  console.log(`\n> ${r.script}: ${r.code === 0 ? 'ok' : `failed (exit code ${r.code})`} in ${r.seconds.toFixed(1)} s`);
  if (r.output.trim()) console.log(r.output.trimEnd());
}
const failed = results.find((r) => r.code !== 0);
if (failed) process.exit(failed.code);

console.log('\n> vitest run\n');
const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
vitest.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
