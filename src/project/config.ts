/**
 * `stepwright.config.json`: the project's name (the tag every deployed resource carries) and the AWS
 * account and region that generated ARNs name. Fields the file leaves out come from the environment
 * (AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCOUNT_ID), then from defaults. The file is checked against
 * schema/config.schema.json (which editors also use); every problem names its line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { StepwrightError, type Problem } from '../model/errors.js';
import { parseJsonSource } from '../model/json-source.js';
import { closest } from '../model/suggest.js';
import { CONFIG_SCHEMA as schema } from './config-schema.js';
import { checkConfig } from './config-validator.generated.js';

export const CONFIG_FILE = 'stepwright.config.json';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface ProjectConfig {
  /** Tags deployed resources (`stepwright:project`); deploy, plan and destroy touch only what carries it. */
  name: string;
  region?: string;
  account?: string;
  partition: Partition;
  /** Folders, relative to the project root. */
  workflows: string;
  schedules: string;
  /** Values workflows read with `substitutions(...)`: an imported definition's `${Name}` placeholders. */
  substitutions?: Record<string, string>;
  /** How `stepwright deploy` names and places what it creates; absent settings take their defaults there. */
  deploy?: DeployConfig;
}

/** The `deploy` settings of stepwright.config.json, as written (schema/config.schema.json describes each). */
export interface DeployConfig {
  alias?: string;
  scheduleGroup?: string;
  rolePath?: string;
  permissionsBoundary?: string;
  executionRoles?: Record<string, string>;
  existingRoles?: string[];
}

/**
 * The regions AWS has today. A region code that is not one of them is almost always a typo
 * (`eu-wst-1`) that would otherwise be written into every ARN.
 */
export const AWS_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
];

/** The schema, precompiled (scripts/schema-validators.ts): every error, not only the first. */
const checkSchema = checkConfig as { (value: unknown): boolean; errors?: ErrorObject[] | null };

/** Reads the config of the project in `root` (the file is optional). Throws StepwrightError listing every problem. */
export function loadConfig(root = '.', file = CONFIG_FILE): ProjectConfig {
  const path = join(root, file);
  let fromFile: Partial<ProjectConfig> = {};
  const problems: Problem[] = [];
  let position: (path: (string | number)[]) => { line: number; column: number } = () => ({ line: 1, column: 1 });
  if (existsSync(path)) {
    const parsed = parseJsonSource(readFileSync(path, 'utf8'));
    if ('errors' in parsed) {
      throw new StepwrightError(parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: `is not valid JSON: ${e.message}`, fix: 'fix the syntax; the file holds { "name": "my-platform", "region": "eu-west-1", "account": "123456789012" }' })));
    }
    position = parsed.source.position;
    const value = parsed.source.value;
    if (!checkSchema(value)) {
      for (const error of checkSchema.errors ?? []) problems.push(schemaProblem(error, file, position));
    }
    // The settings the schema found nothing wrong with are still checked below, so every problem shows at once.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const wrong = new Set((checkSchema.errors ?? []).map((e) => e.instancePath.split('/')[1] ?? ''));
      fromFile = Object.fromEntries(Object.entries(value).filter(([key]) => !wrong.has(key))) as Partial<ProjectConfig>;
    }
  }
  const region = fromFile.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const account = fromFile.account ?? process.env.AWS_ACCOUNT_ID;
  const at = (key: string) => (fromFile[key as keyof ProjectConfig] !== undefined ? { file, ...position([key]) } : { file: `${file} (from the environment)` });
  if (region !== undefined && !AWS_REGIONS.includes(region)) {
    const near = closest(region, AWS_REGIONS);
    problems.push({ ...at('region'), field: 'region', message: `"${region}" is not an AWS region`, fix: near ? `did you mean "${near}"?` : 'use a region code such as "eu-west-1"' });
  }
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    problems.push({ ...at('account'), field: 'account', message: `"${account}" is not an AWS account id`, fix: 'use the 12-digit account id, as a string' });
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  return {
    name: fromFile.name ?? defaultName(root),
    ...(region !== undefined ? { region } : {}),
    ...(account !== undefined ? { account } : {}),
    partition: fromFile.partition ?? partitionOf(region),
    workflows: fromFile.workflows ?? 'workflows',
    schedules: fromFile.schedules ?? 'schedules',
    ...(fromFile.substitutions ? { substitutions: fromFile.substitutions } : {}),
    ...(fromFile.deploy !== undefined ? { deploy: fromFile.deploy } : {}),
  };
}

/** Region and account, or a problem saying where to set them. */
export function requireAccount(config: ProjectConfig, purpose: string): { region: string; account: string; partition: Partition } {
  if (!config.region || !config.account) {
    throw new StepwrightError({
      file: CONFIG_FILE,
      message: `${purpose} needs the AWS ${!config.region ? 'region' : 'account'}`,
      fix: `set "region" and "account" in ${CONFIG_FILE} ({ "region": "eu-west-1", "account": "123456789012" }), or AWS_REGION and AWS_ACCOUNT_ID`,
    });
  }
  return { region: config.region, account: config.account, partition: config.partition };
}

function partitionOf(region: string | undefined): Partition {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** package.json's name (without its scope), else the folder's name. */
function defaultName(root: string): string {
  const pkg = join(root, 'package.json');
  if (existsSync(pkg)) {
    try {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '') return name.replace(/^@[^/]+\//, '');
    } catch {
      // an unreadable package.json is npm's problem to report, not ours
    }
  }
  return basename(resolve(root));
}

function schemaProblem(error: ErrorObject, file: string, position: (path: (string | number)[]) => { line: number; column: number }): Problem {
  const path = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys(schema.properties).filter((k) => k !== '$schema');
    const near = closest(key, known);
    return { file, ...position([...path, key]), field: key, message: `unknown setting "${key}"`, fix: near ? `did you mean "${near}"?` : `the settings are: ${known.join(', ')}` };
  }
  const field = path.join('.') || undefined;
  const described = (schema.properties as Record<string, { description?: string }>)[path[0] ?? '']?.description;
  return { file, ...position(path), ...(field ? { field } : {}), message: ajvMessage(error), ...(described ? { fix: described } : {}) };
}

function ajvMessage(error: ErrorObject): string {
  if (error.keyword === 'enum') return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'type' && error.instancePath === '') return 'must be a JSON object of settings';
  return error.message ?? 'is not valid';
}
