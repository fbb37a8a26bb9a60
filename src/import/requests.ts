/** The request shape of every typed integration (see shapes.ts; pinned to the interfaces by a type test). */
import { arrayOf, bool, either, num, oneOf, recordOf, shape, str, unknown } from './shapes.js';

const tags = arrayOf(shape({ Key: str, Value: str }));
const s3Channel = shape({ S3DataSource: shape({ S3DataType: str, S3Uri: str }, { S3DataDistributionType: str }) });
const messageAttributes = recordOf(shape({ DataType: str }, { StringValue: str }));

export const startJobRun = shape(
  { JobName: str },
  {
    Arguments: recordOf(unknown),
    JobRunId: str,
    AllocatedCapacity: num,
    Timeout: num,
    SecurityConfiguration: str,
    NotificationProperty: shape({}, { NotifyDelayAfter: num }),
    WorkerType: oneOf('Standard', 'G.1X', 'G.2X', 'G.4X', 'G.8X', 'G.025X', 'Z.2X'),
    NumberOfWorkers: num,
    ExecutionClass: oneOf('FLEX', 'STANDARD'),
    MaxCapacity: num,
  },
);

export const listObjectsV2 = shape(
  { Bucket: str },
  { Prefix: str, Delimiter: str, MaxKeys: num, ContinuationToken: str, StartAfter: str, FetchOwner: bool, ExpectedBucketOwner: str },
);
export const getObject = shape({ Bucket: str, Key: str }, { VersionId: str, Range: str, IfMatch: str, ExpectedBucketOwner: str });
const encryption = oneOf('AES256', 'aws:kms', 'aws:kms:dsse');
export const putObject = shape(
  { Bucket: str, Key: str, Body: unknown },
  { ContentType: str, Metadata: recordOf(str), ServerSideEncryption: encryption, SSEKMSKeyId: str, StorageClass: str, Tagging: str, ExpectedBucketOwner: str },
);
export const copyObject = shape(
  { Bucket: str, Key: str, CopySource: str },
  {
    MetadataDirective: oneOf('COPY', 'REPLACE'),
    ContentType: str,
    Metadata: recordOf(str),
    ServerSideEncryption: encryption,
    SSEKMSKeyId: str,
    StorageClass: str,
    TaggingDirective: oneOf('COPY', 'REPLACE'),
    ExpectedBucketOwner: str,
  },
);

export const putRecord = shape({ Data: unknown, PartitionKey: str }, { StreamName: str, StreamARN: str, ExplicitHashKey: str, SequenceNumberForOrdering: str });
export const putRecords = shape({ Records: either(arrayOf(shape({ Data: unknown, PartitionKey: str }, { ExplicitHashKey: str })), str) }, { StreamName: str, StreamARN: str });
export const putRecordBatch = shape({ DeliveryStreamName: str, Records: either(arrayOf(shape({ Data: unknown })), str) });
export const startFlow = shape({ FlowName: str }, { ClientToken: str });
export const getStatementResult = shape({ Id: str }, { NextToken: str });

export const emrServerlessStartJobRun = shape(
  {
    ApplicationId: str,
    ExecutionRoleArn: str,
    JobDriver: shape(
      {},
      {
        SparkSubmit: shape({ EntryPoint: str }, { EntryPointArguments: arrayOf(str), SparkSubmitParameters: str }),
        Hive: shape({ Query: str }, { InitQueryFile: str, Parameters: str }),
      },
    ),
  },
  {
    ConfigurationOverrides: shape(
      {},
      {
        ApplicationConfiguration: arrayOf(shape({ Classification: str }, { Properties: recordOf(str), Configurations: arrayOf(unknown) })),
        MonitoringConfiguration: recordOf(unknown),
      },
    ),
    Name: str,
    Tags: recordOf(str),
    ExecutionTimeoutMinutes: num,
    ClientToken: str,
    Mode: oneOf('BATCH', 'STREAMING'),
  },
);

export const addStep = shape(
  {
    ClusterId: str,
    Step: shape(
      { Name: str, HadoopJarStep: shape({ Jar: str }, { Args: arrayOf(str), MainClass: str, Properties: arrayOf(shape({ Key: str, Value: str })) }) },
      { ActionOnFailure: oneOf('TERMINATE_JOB_FLOW', 'TERMINATE_CLUSTER', 'CANCEL_AND_WAIT', 'CONTINUE') },
    ),
  },
  { ExecutionRoleArn: str },
);

export const startQueryExecution = shape(
  { QueryString: str },
  {
    QueryExecutionContext: shape({}, { Database: str, Catalog: str }),
    ResultConfiguration: shape({}, { OutputLocation: str, EncryptionConfiguration: shape({ EncryptionOption: str }, { KmsKey: str }) }),
    WorkGroup: str,
    ClientRequestToken: str,
    ExecutionParameters: arrayOf(str),
  },
);
export const getQueryResults = shape({ QueryExecutionId: str }, { MaxResults: num, NextToken: str });

export const submitJob = shape(
  { JobName: str, JobQueue: str, JobDefinition: str },
  {
    ArrayProperties: shape({ Size: num }),
    ContainerOverrides: shape(
      {},
      {
        Command: arrayOf(str),
        Environment: arrayOf(shape({ Name: str, Value: str })),
        ResourceRequirements: arrayOf(shape({ Type: oneOf('GPU', 'VCPU', 'MEMORY'), Value: str })),
        InstanceType: str,
      },
    ),
    DependsOn: arrayOf(shape({ JobId: str }, { Type: oneOf('N_TO_N', 'SEQUENTIAL') })),
    Parameters: recordOf(str),
    RetryStrategy: shape(
      {},
      {
        Attempts: num,
        EvaluateOnExit: arrayOf(shape({ Action: oneOf('RETRY', 'EXIT') }, { OnExitCode: str, OnReason: str, OnStatusReason: str })),
      },
    ),
    Timeout: shape({ AttemptDurationSeconds: num }),
    Tags: recordOf(str),
    PropagateTags: bool,
    ShareIdentifier: str,
    SchedulingPriorityOverride: num,
  },
);

export const runTask = shape(
  { TaskDefinition: str },
  {
    Cluster: str,
    LaunchType: oneOf('FARGATE', 'EC2', 'EXTERNAL'),
    CapacityProviderStrategy: arrayOf(shape({ CapacityProvider: str }, { Weight: num, Base: num })),
    PlatformVersion: str,
    NetworkConfiguration: shape({ AwsvpcConfiguration: shape({ Subnets: arrayOf(str) }, { SecurityGroups: arrayOf(str), AssignPublicIp: oneOf('ENABLED', 'DISABLED') }) }),
    Overrides: shape(
      {},
      {
        ContainerOverrides: arrayOf(shape({ Name: str }, { Command: arrayOf(str), Environment: arrayOf(shape({ Name: str, Value: str })), Cpu: num, Memory: num })),
        Cpu: str,
        Memory: str,
        TaskRoleArn: str,
        ExecutionRoleArn: str,
        EphemeralStorage: shape({ SizeInGiB: num }),
      },
    ),
    Count: num,
    Group: str,
    StartedBy: str,
    PropagateTags: oneOf('TASK_DEFINITION', 'SERVICE', 'NONE'),
    EnableECSManagedTags: bool,
    EnableExecuteCommand: bool,
    Tags: arrayOf(shape({ Key: str, Value: str })),
  },
);

export const dataBrewStartJobRun = shape({ Name: str });

const trainingCommon = {
  AlgorithmSpecification: shape(
    { TrainingInputMode: oneOf('File', 'Pipe', 'FastFile') },
    { TrainingImage: str, AlgorithmName: str, MetricDefinitions: arrayOf(shape({ Name: str, Regex: str })) },
  ),
  RoleArn: str,
  OutputDataConfig: shape({ S3OutputPath: str }, { KmsKeyId: str }),
  ResourceConfig: shape({ InstanceType: str, InstanceCount: num, VolumeSizeInGB: num }),
  StoppingCondition: shape({}, { MaxRuntimeInSeconds: num, MaxWaitTimeInSeconds: num }),
};
const trainingOptional = {
  InputDataConfig: arrayOf(shape({ ChannelName: str, DataSource: s3Channel }, { ContentType: str })),
  EnableManagedSpotTraining: bool,
  CheckpointConfig: shape({ S3Uri: str }, { LocalPath: str }),
  Environment: recordOf(str),
  VpcConfig: shape({ SecurityGroupIds: arrayOf(str), Subnets: arrayOf(str) }),
};

export const createTrainingJob = shape({ TrainingJobName: str, ...trainingCommon }, { HyperParameters: recordOf(str), Tags: tags, ...trainingOptional });

export const createProcessingJob = shape(
  {
    ProcessingJobName: str,
    RoleArn: str,
    AppSpecification: shape({ ImageUri: str }, { ContainerEntrypoint: arrayOf(str), ContainerArguments: arrayOf(str) }),
    ProcessingResources: shape({ ClusterConfig: shape({ InstanceCount: num, InstanceType: str, VolumeSizeInGB: num }, { VolumeKmsKeyId: str }) }),
  },
  {
    ProcessingInputs: arrayOf(
      shape({ InputName: str }, { S3Input: shape({ S3Uri: str, LocalPath: str, S3DataType: oneOf('ManifestFile', 'S3Prefix') }, { S3InputMode: oneOf('Pipe', 'File') }) }),
    ),
    ProcessingOutputConfig: shape(
      { Outputs: arrayOf(shape({ OutputName: str }, { S3Output: shape({ S3Uri: str, LocalPath: str, S3UploadMode: oneOf('Continuous', 'EndOfJob') }) })) },
      { KmsKeyId: str },
    ),
    StoppingCondition: shape({ MaxRuntimeInSeconds: num }),
    Environment: recordOf(str),
    NetworkConfig: recordOf(unknown),
    Tags: tags,
  },
);

export const createTransformJob = shape(
  {
    TransformJobName: str,
    ModelName: str,
    TransformInput: shape(
      { DataSource: s3Channel },
      { ContentType: str, CompressionType: oneOf('None', 'Gzip'), SplitType: oneOf('None', 'Line', 'RecordIO', 'TFRecord') },
    ),
    TransformOutput: shape({ S3OutputPath: str }, { Accept: str, AssembleWith: oneOf('None', 'Line'), KmsKeyId: str }),
    TransformResources: shape({ InstanceType: str, InstanceCount: num }, { VolumeKmsKeyId: str }),
  },
  {
    BatchStrategy: oneOf('MultiRecord', 'SingleRecord'),
    MaxConcurrentTransforms: num,
    MaxPayloadInMB: num,
    Environment: recordOf(str),
    DataProcessing: shape({}, { InputFilter: str, OutputFilter: str, JoinSource: oneOf('Input', 'None') }),
    Tags: tags,
  },
);

const container = { Image: str, ModelDataUrl: str, Environment: recordOf(str) };
export const createModel = shape(
  { ModelName: str, ExecutionRoleArn: str },
  {
    PrimaryContainer: shape({}, { ...container, Mode: oneOf('SingleModel', 'MultiModel') }),
    Containers: arrayOf(shape({}, container)),
    VpcConfig: shape({ SecurityGroupIds: arrayOf(str), Subnets: arrayOf(str) }),
    EnableNetworkIsolation: bool,
    Tags: tags,
  },
);

export const createEndpointConfig = shape(
  {
    EndpointConfigName: str,
    ProductionVariants: arrayOf(
      shape(
        { VariantName: str, ModelName: str },
        { InitialInstanceCount: num, InstanceType: str, InitialVariantWeight: num, ServerlessConfig: shape({ MemorySizeInMB: num, MaxConcurrency: num }) },
      ),
    ),
  },
  { DataCaptureConfig: recordOf(unknown), KmsKeyId: str, Tags: tags },
);
export const createEndpoint = shape({ EndpointName: str, EndpointConfigName: str }, { DeploymentConfig: recordOf(unknown), Tags: tags });
export const updateEndpoint = shape({ EndpointName: str, EndpointConfigName: str }, { RetainAllVariantProperties: bool, DeploymentConfig: recordOf(unknown) });

const trainingDefinition = { ...trainingCommon };
export const createHyperParameterTuningJob = shape(
  {
    HyperParameterTuningJobName: str,
    HyperParameterTuningJobConfig: shape(
      { Strategy: oneOf('Bayesian', 'Random', 'Hyperband', 'Grid'), ResourceLimits: shape({ MaxParallelTrainingJobs: num }, { MaxNumberOfTrainingJobs: num, MaxRuntimeInSeconds: num }) },
      {
        HyperParameterTuningJobObjective: shape({ Type: oneOf('Maximize', 'Minimize'), MetricName: str }),
        ParameterRanges: recordOf(unknown),
        TrainingJobEarlyStoppingType: oneOf('Off', 'Auto'),
      },
    ),
  },
  {
    TrainingJobDefinition: shape(trainingDefinition, { ...trainingOptional, StaticHyperParameters: recordOf(str) }),
    TrainingJobDefinitions: arrayOf(shape(trainingDefinition, { ...trainingOptional, DefinitionName: str })),
    WarmStartConfig: recordOf(unknown),
    Tags: tags,
  },
);

export const invokeModel = shape(
  { ModelId: str },
  {
    Body: unknown,
    Input: shape({ S3Uri: str }),
    Output: shape({ S3Uri: str }),
    ContentType: str,
    Accept: str,
    Trace: oneOf('ENABLED', 'DISABLED'),
    GuardrailIdentifier: str,
    GuardrailVersion: str,
  },
);

export const invoke = shape({ FunctionName: str }, { Payload: unknown, InvocationType: oneOf('RequestResponse', 'Event', 'DryRun'), Qualifier: str, ClientContext: str });

export const publish = shape(
  { Message: unknown },
  { TopicArn: str, TargetArn: str, PhoneNumber: str, Subject: str, MessageAttributes: messageAttributes, MessageGroupId: str, MessageDeduplicationId: str },
);

export const sendMessage = shape(
  { QueueUrl: str, MessageBody: unknown },
  { DelaySeconds: num, MessageAttributes: messageAttributes, MessageGroupId: str, MessageDeduplicationId: str },
);

export const putEvents = shape({
  Entries: arrayOf(shape({ Detail: unknown, DetailType: str, Source: str }, { EventBusName: str, Resources: arrayOf(str), Time: str, TraceHeader: str })),
});

const attributeValue = either(recordOf(unknown), str);
const item = recordOf(attributeValue);
const conditional = {
  ConditionExpression: str,
  ExpressionAttributeNames: recordOf(str),
  ExpressionAttributeValues: recordOf(attributeValue),
  ReturnValues: oneOf('NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'),
  ReturnConsumedCapacity: oneOf('INDEXES', 'TOTAL', 'NONE'),
};
export const getItem = shape({ TableName: str, Key: item }, { ConsistentRead: bool, ProjectionExpression: str, ExpressionAttributeNames: recordOf(str) });
export const putItem = shape({ TableName: str, Item: item }, conditional);
export const updateItem = shape({ TableName: str, Key: item, UpdateExpression: str }, conditional);
export const deleteItem = shape({ TableName: str, Key: item }, conditional);

export const httpInvoke = shape(
  {
    ApiEndpoint: str,
    Method: oneOf('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    Authentication: shape({ ConnectionArn: str }),
  },
  {
    Headers: recordOf(unknown),
    QueryParameters: recordOf(unknown),
    RequestBody: unknown,
    Transform: shape({}, { RequestBodyEncoding: oneOf('NONE', 'URL_ENCODED'), RequestEncodingOptions: shape({}, { ArrayFormat: oneOf('INDICES', 'REPEAT', 'COMMAS', 'BRACKETS') }) }),
  },
);

export const startExecution = shape({ StateMachineArn: str }, { Input: unknown, Name: str, TraceHeader: str });

// ---------------------------------------------------------------- polled builders (JSONata requests: see loops.ts)

export const startDataQualityRun = shape(
  {
    DataSource: shape({ GlueTable: shape({ DatabaseName: str, TableName: str }, { CatalogId: str, ConnectionName: str, AdditionalOptions: recordOf(str) }) }),
    Role: str,
    RulesetNames: arrayOf(str),
  },
  {
    NumberOfWorkers: num,
    Timeout: num,
    ClientToken: str,
    AdditionalRunOptions: shape({}, { CloudWatchMetricsEnabled: bool, ResultsS3Prefix: str, CompositeRuleEvaluationMethod: oneOf('COLUMN', 'ROW') }),
    AdditionalDataSources: recordOf(unknown),
  },
);

export const startReplicationTask = shape(
  { ReplicationTaskArn: str, StartReplicationTaskType: oneOf('start-replication', 'resume-processing', 'reload-target') },
  { CdcStartTime: str, CdcStartPosition: str, CdcStopPosition: str },
);
export const replicationTask = shape({ ReplicationTaskArn: str });

const filter = arrayOf(shape({ FilterType: oneOf('SIMPLE_PATTERN'), Value: str }));
export const startTaskExecution = shape(
  { TaskArn: str },
  { OverrideOptions: recordOf(unknown), Includes: filter, Excludes: filter, ManifestConfig: recordOf(unknown), TaskReportConfig: recordOf(unknown), Tags: arrayOf(shape({ Key: str }, { Value: str })) },
);

const statementOptions = {
  Database: str,
  ClusterIdentifier: str,
  WorkgroupName: str,
  SecretArn: str,
  DbUser: str,
  StatementName: str,
  WithEvent: bool,
  ClientToken: str,
  SessionId: str,
  SessionKeepAliveSeconds: num,
  ResultFormat: oneOf('JSON', 'CSV'),
};
export const executeStatement = shape({ Sql: str }, { ...statementOptions, Parameters: arrayOf(shape({ name: str, value: str })) });
export const batchExecuteStatement = shape({ Sqls: arrayOf(str) }, statementOptions);

export const startApplication = shape(
  { ApplicationName: str },
  {
    RunConfiguration: shape(
      {},
      {
        FlinkRunConfiguration: shape({}, { AllowNonRestoredState: bool }),
        ApplicationRestoreConfiguration: shape(
          { ApplicationRestoreType: oneOf('SKIP_RESTORE_FROM_SNAPSHOT', 'RESTORE_FROM_LATEST_SNAPSHOT', 'RESTORE_FROM_CUSTOM_SNAPSHOT') },
          { SnapshotName: str },
        ),
      },
    ),
  },
);
export const stopApplication = shape({ ApplicationName: str }, { Force: bool });
export const application = shape({ ApplicationName: str });
/** `appflow.runFlow` takes StartFlow's request. */
export const runFlow = startFlow;
