/** Typed AWS service integrations, one module per service. */
export { serviceResource, sdkResource, type IntegrationPattern, type IntegrationOptions } from './integration.js';
export { glue, type StartJobRunRequest, type StartJobRunOptions, type StartCrawlerOptions } from './glue.js';
export { athena, type StartQueryExecutionRequest } from './athena.js';
export { sagemaker, type CreateTrainingJobRequest } from './sagemaker.js';
export { lambda, LAMBDA_SERVICE_RETRY, type InvokeRequest, type InvokeOptions } from './lambda.js';
export { sns, type PublishRequest } from './sns.js';
export { sfn, type StartExecutionRequest } from './sfn.js';
