/**
 * The account the example platform deploys to. Workflows import their ARNs and resource names from
 * here, so moving to another account or region is one edit, and every name is literal in the ASL,
 * which keeps the IAM policies `stepwright build` writes free of wildcards.
 * (This module exports no workflow; `stepwright build` skips it.)
 */
export const account = '123456789012';
export const region = 'eu-west-1';

export const arn = {
  stateMachine: (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}`,
  /** A workflow through the alias `stepwright deploy` moves to each new version: what a rollback moves back. */
  live: (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}:live`,
  lambda: (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  topic: (name: string) => `arn:aws:sns:${region}:${account}:${name}`,
  role: (name: string) => `arn:aws:iam::${account}:role/${name}`,
  dmsTask: (id: string) => `arn:aws:dms:${region}:${account}:task:${id}`,
};

export const buckets = {
  landing: 'fraud-landing-123456789012',
  curated: 'fraud-curated-123456789012',
  models: 'fraud-models-123456789012',
  athenaResults: 'fraud-athena-results-123456789012',
  /** DMS writes the full load and the change files (CDC) of the core-banking tables here. */
  cdc: 'fraud-cdc-123456789012',
  /** Firehose delivers the scored transaction stream here. */
  stream: 'fraud-stream-123456789012',
  /** Spark jobs' code. */
  code: 'fraud-code-123456789012',
};

export const alertsTopic = arn.topic('fraud-platform-alerts');

/** Change data capture of the card-accounts tables: DMS (full load and CDC) → S3 → Spark merge → Redshift. */
export const cdc = {
  /** A full-load-and-CDC replication task, S3 target (ResourceIdentifier set, so the ARN ends in its name). */
  replicationTask: arn.dmsTask('fraud-card-accounts-cdc'),
  /** EMR Serverless Spark application that merges the change files into the curated Iceberg table. */
  sparkApplicationId: '00fq3k2m8v1c2a09',
  sparkJobRole: arn.role('fraud-emr-serverless-cdc'),
  /** Provisioned Redshift cluster and database the day is loaded into (Data API, IAM authentication). */
  redshiftCluster: 'fraud-dw',
  redshiftDatabase: 'fraud',
  /** The role Redshift's COPY assumes to read the export (attached to the cluster). */
  redshiftCopyRole: arn.role('fraud-redshift-copy'),
};

/** The streaming path: Kinesis → Managed Service for Apache Flink (scoring) → Firehose → S3. */
export const streaming = {
  kinesisStream: 'fraud-card-transactions',
  firehoseStream: 'fraud-scored-transactions-to-s3',
  flinkApplication: 'fraud-transaction-scoring',
};

/** SaaS ingestion: an on-demand AppFlow flow (Salesforce merchant accounts → S3), then a crawler. */
export const saas = {
  flow: 'salesforce-merchant-accounts',
  crawler: 'fraud-saas-merchant-accounts',
};
