/** JSON that users hand the CLI: inline text or a file, with errors that say which. */
import { readFileSync } from 'node:fs';
import { StepwrightError } from '../model/errors.js';

export function parseJsonArgument(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StepwrightError({ field: flag, message: `is not valid JSON: ${(error as Error).message}`, fix: `quote it for the shell: ${flag} '{"date":"2026-11-01"}'` });
  }
}

export function readJsonFile(file: string, what: string): unknown {
  return readJsonText(file, what).value;
}

/** The file's text and its parsed value (for callers that pass the exact text on, as EventBridge does). */
export function readJsonText(file: string, what: string): { text: string; value: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StepwrightError({ file, message: `cannot read the ${what}`, fix: 'check the path' });
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new StepwrightError({ file, message: `the ${what} is not valid JSON: ${(error as Error).message}`, fix: 'fix the JSON syntax' });
  }
}
