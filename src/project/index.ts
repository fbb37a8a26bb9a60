/** The project: config, workflow modules and schedule files → one value holding every artifact and every problem. */
export { loadProject, assertNoProblems, type Project, type WorkflowArtifact, type ScheduleArtifact, type RuleArtifact, type LoadProjectOptions } from './project.js';
export { projectFiles, schedulePath, OUTPUT_FOLDERS, type OutputFile } from './outputs.js';
export { loadConfig, CONFIG_FILE, type ProjectConfig, type Partition, type DeployConfig } from './config.js';
export { substitutions } from './substitutions.js';
export { DEFAULT_ALIAS, deployedNames, deployedResolver, type DeployedNames } from './deployed.js';
