/**
 * The local Step Functions endpoint (`stepwright serve`): the Step Functions API on loopback over
 * the embedded engine, with Step Functions Local's mocked service integrations.
 */
export { startEndpoint, type EndpointOptions, type LocalEndpoint } from './server.js';
export { readMockConfig } from './mock-config.js';
export { projectStateMachines } from './project.js';
