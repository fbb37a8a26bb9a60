/** Existing state machines (ASL files, SAM and CloudFormation templates, deployed machines) as TypeScript workflows. */
export { importDefinition, type ImportOptions, type ImportResult } from './definition.js';
