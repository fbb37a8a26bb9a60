/**
 * `substitutions('LambdaArn', ...)`: values a workflow reads from the project's config rather than
 * writing them in, as imported SAM and CloudFormation definitions do with their `${LambdaArn}`
 * placeholders. They are set under "substitutions" in stepwright.config.json; `AWS::Region`,
 * `AWS::AccountId` and `AWS::Partition` come from the config's region, account and partition.
 */
import { StepwrightError } from '../model/errors.js';
import { CONFIG_FILE, loadConfig } from './config.js';

/** The values of `names`, read from the config of the project in the working directory. */
export function substitutions<const K extends string>(...names: K[]): Record<K, string> {
  const config = loadConfig(process.cwd());
  const given: Record<string, string | undefined> = {
    ...config.substitutions,
    'AWS::Region': config.substitutions?.['AWS::Region'] ?? config.region,
    'AWS::AccountId': config.substitutions?.['AWS::AccountId'] ?? config.account,
    'AWS::Partition': config.substitutions?.['AWS::Partition'] ?? config.partition,
  };
  const missing = names.filter((n) => typeof given[n] !== 'string');
  if (missing.length > 0) {
    throw new StepwrightError(
      missing.map((n) => ({
        file: CONFIG_FILE,
        field: `substitutions.${n}`,
        message: `is not set, and a workflow reads it`,
        fix: `add it to ${CONFIG_FILE}: "substitutions": { ${JSON.stringify(n)}: "..." }`,
      })),
    );
  }
  return Object.fromEntries(names.map((n) => [n, given[n]!])) as Record<K, string>;
}
