/**
 * Project settings the CLI needs beyond the workflows: the AWS account and region that ARNs in
 * generated schedules, rules and policies name. Read from `stepwright.config.json`, then from the
 * environment (AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCOUNT_ID) for what the file leaves out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { StepwrightError } from '../model/errors.js';

export const CONFIG_FILE = 'stepwright.config.json';

export interface ProjectConfig {
  region?: string;
  account?: string;
  partition?: string;
}

export function loadConfig(file = CONFIG_FILE): ProjectConfig {
  let fromFile: ProjectConfig = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as ProjectConfig;
    } catch (error) {
      throw new StepwrightError({ file, message: `is not valid JSON: ${(error as Error).message}`, fix: 'fix the syntax; it holds { "region": "eu-west-1", "account": "123456789012" }' });
    }
  }
  const config: ProjectConfig = {
    region: fromFile.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    account: fromFile.account ?? process.env.AWS_ACCOUNT_ID,
    partition: fromFile.partition,
  };
  if (config.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region)) {
    throw new StepwrightError({ file, field: 'region', message: `"${config.region}" is not an AWS region`, fix: 'use a region code such as "eu-west-1"' });
  }
  if (config.account !== undefined && !/^\d{12}$/.test(String(config.account))) {
    throw new StepwrightError({ file, field: 'account', message: `"${config.account}" is not an AWS account id`, fix: 'use the 12-digit account id, as a string' });
  }
  return config;
}

/** Region and account, or a problem saying where to set them. */
export function requireAccount(config: ProjectConfig, purpose: string): { region: string; account: string; partition?: string } {
  if (!config.region || !config.account) {
    throw new StepwrightError({
      file: CONFIG_FILE,
      message: `${purpose} needs the AWS ${!config.region ? 'region' : 'account'}`,
      fix: `create ${CONFIG_FILE} with { "region": "eu-west-1", "account": "123456789012" }, or set AWS_REGION and AWS_ACCOUNT_ID`,
    });
  }
  return { region: config.region, account: config.account, partition: config.partition };
}
