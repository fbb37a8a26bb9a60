/**
 * The Step Functions API's errors, as its JSON 1.0 protocol sends them: `{ "__type", "message" }`
 * with the HTTP status AWS uses (400 for every modeled client error but ConflictException 409,
 * ResourceNotFound 404 and ServiceQuotaExceededException 402), so every SDK raises its own typed
 * exception. Messages follow AWS's wording ("State Machine Does Not Exist: '<arn>'").
 */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const quoted = (label: string, value: string) => `${label}: '${value}'`;

export const errors = {
  invalidArn: (arn: string, why?: string) => new ApiError('InvalidArn', quoted('Invalid Arn', why ? `${why}: ${arn}` : arn)),
  invalidName: (name: string) => new ApiError('InvalidName', quoted('Invalid Name', name)),
  invalidDefinition: (detail: string) => new ApiError('InvalidDefinition', quoted('Invalid State Machine Definition', detail)),
  invalidExecutionInput: (detail: string) => new ApiError('InvalidExecutionInput', quoted('Invalid State Machine Execution Input', detail)),
  invalidOutput: (detail: string) => new ApiError('InvalidOutput', quoted('Invalid Output', detail)),
  invalidToken: (detail = 'Invalid token') => new ApiError('InvalidToken', quoted('Invalid Token', detail)),
  taskTimedOut: () => new ApiError('TaskTimedOut', quoted('Task Timed Out', 'Provided task does not exist anymore')),
  taskDoesNotExist: () => new ApiError('TaskDoesNotExist', quoted('Task Does Not Exist', 'Provided task does not exist anymore')),
  stateMachineDoesNotExist: (arn: string) => new ApiError('StateMachineDoesNotExist', quoted('State Machine Does Not Exist', arn)),
  stateMachineAlreadyExists: (arn: string) => new ApiError('StateMachineAlreadyExists', quoted('State Machine Already Exists', arn)),
  stateMachineTypeNotSupported: (detail: string) => new ApiError('StateMachineTypeNotSupported', detail),
  executionDoesNotExist: (arn: string) => new ApiError('ExecutionDoesNotExist', quoted('Execution Does Not Exist', arn)),
  executionAlreadyExists: (arn: string) => new ApiError('ExecutionAlreadyExists', quoted('Execution Already Exists', arn)),
  executionLimitExceeded: (limit: number) => new ApiError('ExecutionLimitExceeded', `Execution Limit Exceeded: at most ${limit} executions may run at once on this endpoint (--max-running)`),
  missingRequiredParameter: (detail: string) => new ApiError('MissingRequiredParameter', detail),
  resourceNotFound: (arn: string) => new ApiError('ResourceNotFound', quoted('Resource not found', arn), 404),
  conflict: (detail: string) => new ApiError('ConflictException', detail, 409),
  tooManyTags: (arn: string) => new ApiError('TooManyTags', `Too many tags for resource: '${arn}' (at most 50)`),
  /** Coral's form: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null". */
  validation: (details: string[]) =>
    new ApiError('ValidationException', `${details.length} validation error${details.length === 1 ? '' : 's'} detected: ${details.join('; ')}`),
  validationMessage: (message: string) => new ApiError('ValidationException', message),
  /** Common errors every AWS API documents, for requests that name no (known) operation. */
  missingAction: () => new ApiError('MissingAction', 'The request names no operation: send X-Amz-Target: AWSStepFunctions.<Operation>'),
  invalidAction: (detail: string) => new ApiError('InvalidAction', detail),
  internalFailure: (detail: string) => new ApiError('InternalFailure', detail, 500),
};
