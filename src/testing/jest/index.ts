/**
 * One line of Jest setup installs the matchers: `import 'stepwright/testing/jest'` in a test, or
 * `setupFilesAfterEnv: ['stepwright/testing/jest']` in jest.config.
 */
import { stepwrightMatchers } from '../matchers.js';

expect.extend(stepwrightMatchers);
