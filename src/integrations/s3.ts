/**
 * Amazon S3 through the AWS SDK integration (there is no optimised S3 integration): list, get,
 * put and copy objects. Request-response only; GetObject's Body arrives as a string, so keep
 * objects small (the state payload limit is 256 KiB).
 */
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, sdkResource, type IntegrationOptions, type NamedArgs } from './integration.js';

export interface ListObjectsV2Request {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  ContinuationToken?: string;
  StartAfter?: string;
  FetchOwner?: boolean;
  ExpectedBucketOwner?: string;
}

export interface GetObjectRequest {
  Bucket: string;
  Key: string;
  VersionId?: string;
  Range?: string;
  IfMatch?: string;
  ExpectedBucketOwner?: string;
}

export interface PutObjectRequest {
  Bucket: string;
  Key: string;
  /** The object's content: a string, or JSON (written as its text). */
  Body: unknown;
  ContentType?: string;
  Metadata?: Record<string, string>;
  ServerSideEncryption?: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  SSEKMSKeyId?: string;
  StorageClass?: string;
  Tagging?: string;
  ExpectedBucketOwner?: string;
}

export interface CopyObjectRequest {
  Bucket: string;
  Key: string;
  /** `source-bucket/source-key` (URL-encoded), optionally `?versionId=...`. */
  CopySource: string;
  MetadataDirective?: 'COPY' | 'REPLACE';
  ContentType?: string;
  Metadata?: Record<string, string>;
  ServerSideEncryption?: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  SSEKMSKeyId?: string;
  StorageClass?: string;
  TaggingDirective?: 'COPY' | 'REPLACE';
  ExpectedBucketOwner?: string;
}

export const s3 = {
  /** ListObjectsV2: up to 1,000 keys per call; page with ContinuationToken. */
  listObjects(...args: NamedArgs<ListObjectsV2Request>): Task {
    return integrationTask(args, (r) => derivedName('List', r.Bucket), (request) => ({ resource: sdkResource('s3', 'listObjectsV2'), request }));
  },
  getObject(...args: NamedArgs<GetObjectRequest>): Task {
    return integrationTask(args, (r) => derivedName('Get', r.Key), (request) => ({ resource: sdkResource('s3', 'getObject'), request }));
  },
  putObject(...args: NamedArgs<PutObjectRequest>): Task {
    return integrationTask(args, (r) => derivedName('Put', r.Key), (request) => ({ resource: sdkResource('s3', 'putObject'), request }));
  },
  copyObject(...args: NamedArgs<CopyObjectRequest>): Task {
    return integrationTask(args, (r) => derivedName('Copy', r.Key), (request) => ({ resource: sdkResource('s3', 'copyObject'), request }));
  },
};
