/**
 * Our own examples, imported from the ASL `stepwright build` writes, build to byte-identical ASL:
 * same states, same order, same keys. The generated modules read like the hand-written ones
 * (typed builders, helpers, presets, chains, and each polling loop as the builder call that made it).
 */
import { compile, importDefinition, loadProject, toAslJson, type Project } from '../../src/index.js';
import { GeneratedModules } from './generated.js';

jest.setTimeout(120_000);

const EXAMPLES = ['ingest', 'pipeline', 'train', 'transform', 'cdc', 'saas', 'stream'];
let project: Project;
const modules = new GeneratedModules();
const imported = new Map<string, { source: string; path: string; exact: boolean }>();

beforeAll(async () => {
  project = await loadProject({ files: EXAMPLES.map((name) => `workflows/${name}.ts`) });
  expect(project.problems).toEqual([]);
  for (const artifact of project.workflows) {
    const result = importDefinition(JSON.parse(artifact.asl), { name: artifact.name, file: `out/asl/${artifact.name}.asl.json` });
    imported.set(artifact.name, { source: result.source, path: modules.write(result.source), exact: result.exact });
  }
});
afterAll(() => modules.remove());

test.each(EXAMPLES)('%s: the imported module builds byte-identical ASL', async (name) => {
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

test('each polling loop comes back as the builder call that made it, none as its states', () => {
  for (const name of EXAMPLES) expect(imported.get(name)!.source).not.toMatch(/\bwait\(|: get state/);
  expect(imported.get('ingest')!.source).toContain(
    "const catalogRawPartition = glue.startCrawler('fraud-raw-transactions', {\n  name: 'Catalog raw partition',\n  maxPolls: 40,\n  retry: glue.retries.throttling(),\n  catch: notifyIngestFailed,\n});",
  );
  expect(imported.get('ingest')!.source).toContain('start: resolvePartition.next(catalogRawPartition)\n    .next(convertToParquet)');
  const cdc = imported.get('cdc')!.source;
  expect(cdc).toContain("const fullLoad = dms.waitForReplicationTask(\n  { ReplicationTaskArn: 'arn:aws:dms:eu-west-1:123456789012:task:fraud-card-accounts-cdc' },");
  expect(cdc).toContain("    until: 'full-load-complete',\n    pollEvery: '5m',\n    maxPolls: 36,\n    retry: dms.retries.throttling(),\n    catch: notifyCdcFailed,");
  expect(cdc).toContain('const loadTheDay = redshiftData.batchExecuteStatement(');
  expect(cdc).toContain('"loadStatementId": ${v.statementId} }`');
  const saas = imported.get('saas')!.source;
  expect(saas).toContain("const pullMerchantAccounts = appflow.runFlow(\n  { FlowName: 'salesforce-merchant-accounts' },");
  expect(saas).toContain('output: (v) => expr(`{ "flowRunId": ${v.executionId} }`),');
  expect(saas).toContain("glue.startCrawler('fraud-saas-merchant-accounts', {");
  const stream = imported.get('stream')!.source;
  expect(stream).toContain("const scoringApp = flink.waitForApplication(\n  { ApplicationName: 'fraud-transaction-scoring' },");
  expect(stream).toContain("const canary = pollUntil({\n  name: 'Canary',");
});
