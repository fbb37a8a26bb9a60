/**
 * One line of Jest setup installs the matchers: `import 'stepwright/testing/jest'` in a test, or
 * `setupFilesAfterEnv: ['stepwright/testing/jest']` in jest.config.
 */
import { stepwrightMatchers } from '../matchers.js';

// Jest's `expect` is a global of the test environment; jest is not a dependency of stepwright.
const jestExpect = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (!jestExpect) throw new Error("stepwright/testing/jest must be loaded by Jest (setupFilesAfterEnv, or imported from a test file)");
jestExpect.extend(stepwrightMatchers);
