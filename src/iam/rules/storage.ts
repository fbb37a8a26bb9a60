/**
 * S3 ARNs from request fields, and the S3 SDK calls stepwright builds (list/get/put/copy).
 * S3 object actions: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 * (ListObjectsV2 is authorised as s3:ListBucket on the bucket; CopyObject as GetObject on the
 * source and PutObject on the target.)
 */
import type { Call } from '../context.js';
import type { Grant } from '../types.js';
import type { RuleTable } from './rule.js';

export function bucketArn(call: Call, bucket: string): string {
  return `arn:${call.scope.partition}:s3:::${bucket}`;
}

/** `s3://bucket/key` in a field → the object ARN (`suffix` appended, e.g. `*` for a prefix). */
export function s3ObjectArn(call: Call, path: string, suffix = ''): string {
  const uri = call.literal(path);
  const match = uri?.match(/^s3:\/\/([^/]+)\/?(.*)$/);
  if (!match) {
    call.warn(`${path} is ${uri === undefined ? 'set at run time' : 'not an s3:// URI'}, so the policy allows any object (arn:aws:s3:::*)`);
    return bucketArn(call, '*');
  }
  return bucketArn(call, `${match[1]}/${match[2]}${suffix}`);
}

/** Bucket and key fields → the object ARN; a dynamic part becomes `*`. */
export function objectArn(call: Call, bucketField: string, keyField: string, suffix = ''): string {
  return bucketArn(call, `${call.name(bucketField)}/${call.name(keyField, '')}${suffix}`);
}

export const storageRules: RuleTable = {
  'aws-sdk:s3:listObjectsV2': (call) => [{ actions: ['s3:ListBucket'], resources: [bucketArn(call, call.name('Bucket'))] }],
  'aws-sdk:s3:getObject': (call) => [{ actions: ['s3:GetObject'], resources: [objectArn(call, 'Bucket', 'Key')] }],
  'aws-sdk:s3:headObject': (call) => [{ actions: ['s3:GetObject'], resources: [objectArn(call, 'Bucket', 'Key')] }],
  'aws-sdk:s3:putObject': (call) => [{ actions: ['s3:PutObject'], resources: [objectArn(call, 'Bucket', 'Key')] }],
  'aws-sdk:s3:deleteObject': (call) => [{ actions: ['s3:DeleteObject'], resources: [objectArn(call, 'Bucket', 'Key')] }],
  'aws-sdk:s3:copyObject': (call): Grant[] => {
    const source = call.literal('CopySource');
    const sourceArn = source === undefined ? (call.warn('CopySource is set at run time, so s3:GetObject allows any object'), bucketArn(call, '*')) : bucketArn(call, decodeURIComponent(source.replace(/^\//, '').split('?')[0]!));
    return [
      { actions: ['s3:GetObject'], resources: [sourceArn] },
      { actions: ['s3:PutObject'], resources: [objectArn(call, 'Bucket', 'Key')] },
    ];
  },
};
