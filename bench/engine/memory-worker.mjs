/**
 * The executor's memory benchmark, one execution per process: an inline Map over 100,000 small
 * items without MaxConcurrency, in an EXPRESS execution (no history quota), run by stepwright's
 * build (dist/engine) under plain Node, so the process holds nothing but Node and the executor.
 * bench/engine/memory.ts runs it under `/usr/bin/time -v` and reads the peak resident set size.
 *
 *   node bench/engine/memory-worker.mjs <items> <read-history: yes|no>
 *
 * The items come from the execution itself (JSONata `[1..n]`): an input holding them would be over
 * StartExecution's 256 KiB. Each iteration is a Pass that shapes its item; the Map's output is the
 * count of results and their sum (the array itself would be over the 256 KiB payload quota).
 * Prints one JSON line: status, output, history length, milliseconds.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const items = Number(process.argv[2] ?? 100_000);
const readHistory = process.argv[3] === 'yes';
const { executeDefinition } = await import(pathToFileURL(join(process.cwd(), 'dist', 'engine', 'index.js')).href);

const definition = {
  Comment: 'bench: memory of a Map without MaxConcurrency',
  QueryLanguage: 'JSONata',
  StartAt: 'EachItem',
  States: {
    EachItem: {
      Type: 'Map',
      Items: `{% [1..${items}] %}`,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Shape',
        States: { Shape: { Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: { 'n.$': '$', kind: 'small' }, End: true } },
      },
      Output: '{% { "count": $count($states.result), "sum": $sum($states.result.n) } %}',
      End: true,
    },
  },
};

const started = performance.now();
const run = await executeDefinition(definition, {}, { type: 'EXPRESS' });
const ms = performance.now() - started;
const events = readHistory ? run.history.length : undefined;
// getrusage's peak resident set size of this process (kilobytes on Linux), to cross-check /usr/bin/time.
const maxRssKiB = process.resourceUsage().maxRSS;
process.stdout.write(`${JSON.stringify({ status: run.status, output: run.output, error: run.error, cause: run.cause, events, ms, maxRssKiB })}\n`);
