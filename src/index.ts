/** stepwright: author, test and ship AWS Step Functions workflows in TypeScript. */
export * from './asl/types.js';
export * from './errors.js';
