/**
 * stepwright/testing: run workflows with mocks and assert on what happened (Jest matchers),
 * scenario files, coverage of states and transitions, diagrams, and Step Functions Local mock files.
 */
export { runWorkflow, describeRun, type RunWorkflowOptions, type WorkflowRun } from './run.js';
export { stepwrightMatchers } from './matchers.js';
export { formatRunPath } from './format.js';
export { coverage, coverageTable, CoverageCollector, uncovered, type CoverageReport, type WorkflowCoverage } from './coverage.js';
export { machineModel, type GraphEdge, type GraphNode, type MachineModel } from '../model/graph.js';
export type { Failure, TaskCallRecord, Transition, Visit } from './trace.js';
export { checkScenario, isScenarioFile, loadScenarioFile, runScenario, workflowNameOf, type Scenario, type ScenarioExpect, type ScenarioFile, type ScenarioOutcome } from './scenarios.js';
export { describeFailure, outcomeTable, runScenarioFiles } from './suite.js';
export { fromMockConfig, testCaseName, toMockConfig } from './mock-config.js';
export { runScenarioFilesOnEndpoint, endpointOutcomeTable, type EndpointOptions, type EndpointOutcome } from './endpoint.js';
export { toDot, toMermaid, toSvg, type DiagramOptions } from '../diagrams/index.js';
export { renderReport } from './report.js';
