/**
 * Golden files: the exact ASL of each example workflow. A change to the compiler or an example that
 * alters the output shows up here as a diff to review. Regenerate deliberately with UPDATE_GOLDEN=1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDefinition, compile, toAslJson, validateDefinition } from '../../src/index.js';
import ingest from '../../workflows/ingest.js';
import transform from '../../workflows/transform.js';
import train from '../../workflows/train.js';
import pipeline from '../../workflows/pipeline.js';
import cdc from '../../workflows/cdc.js';
import stream from '../../workflows/stream.js';
import saas from '../../workflows/saas.js';

const GOLDEN = join(__dirname, '..', 'golden');
const examples = [ingest, transform, train, pipeline, cdc, stream, saas];

describe.each(examples.map((w) => [w.name, w] as const))('example workflow %s', (name, workflow) => {
  const json = toAslJson(buildDefinition(workflow));
  const file = join(GOLDEN, `${name}.asl.json`);

  test('matches its golden file', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, json);
    expect(existsSync(file)).toBe(true);
    expect(json).toBe(readFileSync(file, 'utf8'));
  });

  test('compiles to byte-identical JSON every time', () => {
    expect(toAslJson(compile(workflow))).toBe(json);
  });

  test('passes asl-validator and every semantic check', () => {
    expect(validateDefinition(JSON.parse(json))).toEqual([]);
  });
});

test('transform and stream are JSONPath and the others JSONata, so both languages are exercised', () => {
  expect(examples.map((w) => [w.name, compile(w).QueryLanguage])).toEqual([
    ['ingest', 'JSONata'],
    ['transform', 'JSONPath'],
    ['train', 'JSONata'],
    ['pipeline', 'JSONata'],
    ['cdc', 'JSONata'],
    ['stream', 'JSONPath'],
    ['saas', 'JSONata'],
  ]);
});
