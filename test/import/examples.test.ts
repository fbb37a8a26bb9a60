/**
 * Our own examples, imported from the ASL `stepwright build` writes, build to byte-identical ASL:
 * same states, same order, same keys. The generated modules read like the hand-written ones
 * (typed builders, helpers, presets, chains).
 */
import { compile, importDefinition, loadProject, toAslJson, type Project } from '../../src/index.js';
import { GeneratedModules } from './generated.js';

jest.setTimeout(120_000);

let project: Project;
const modules = new GeneratedModules();
const imported = new Map<string, { source: string; path: string; exact: boolean }>();

beforeAll(async () => {
  project = await loadProject({ files: ['workflows/ingest.ts', 'workflows/pipeline.ts', 'workflows/train.ts', 'workflows/transform.ts'] });
  expect(project.problems).toEqual([]);
  for (const artifact of project.workflows) {
    const result = importDefinition(JSON.parse(artifact.asl), { name: artifact.name, file: `out/asl/${artifact.name}.asl.json` });
    imported.set(artifact.name, { source: result.source, path: modules.write(result.source), exact: result.exact });
  }
});
afterAll(() => modules.remove());

test.each(['ingest', 'pipeline', 'train', 'transform'])('%s: the imported module builds byte-identical ASL', async (name) => {
  const artifact = project.workflows.find((w) => w.name === name)!;
  const module = imported.get(name)!;
  expect(module.exact).toBe(true);
  expect(toAslJson(compile(await modules.load(module.path)))).toBe(artifact.asl);
});

test('the imported modules type-check', () => {
  expect(modules.typeCheck()).toBe('');
});

test('train reads as the hand-written module does', () => {
  const source = imported.get('train')!.source;
  expect(source).toContain("const trainModel = sagemaker.createTrainingJob(\n  'Train model',");
  expect(source).toContain(".retry(retries.throttling({ errors: ['SageMaker.AmazonSageMakerException'], maxAttempts: 3 }))");
  expect(source).toContain("Payload: { jobName: variable('jobName'), modelArtifacts: input('modelArtifacts') },");
  expect(source).toContain(".when(expr('$states.input.auc >= $threshold'), registerModel.next(succeed('Model registered')))");
  expect(source).toContain('start: nameTheTrainingRun.next(trainModel).next(evaluateModel).next(goodEnough),');
  expect(source).toContain("timeout: '6h',");
});

test('transform keeps JSONPath with ref() and intrinsic helpers', () => {
  const source = imported.get('transform')!.source;
  expect(source).toContain("queryLanguage: 'JSONPath',");
  expect(source).toContain("States.format('transform failed: {} - {}', ref('$.error.Error'), ref('$.error.Cause'))");
  expect(source).toContain("itemSelector: { date: ref('$$.Map.Item.Value') },");
  expect(source).toContain("Arguments: { '--dates': States.jsonToString(ref('$.dates')) } }");
});
