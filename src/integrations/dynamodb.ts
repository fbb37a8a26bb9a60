/**
 * Amazon DynamoDB item operations through the optimised integration (request-response). Keys and
 * items use DynamoDB's attribute-value shape: `{ pk: { S: 'run#1' } }`.
 */
import type { RetryOptions } from '../dsl/retry.js';
import type { Task } from '../dsl/states/task.js';
import { derivedName, integrationTask, serviceResource, type NamedArgs } from './integration.js';
import { retryPreset } from './retry-presets.js';

/** An attribute value: `{ S: 'x' }`, `{ N: '1' }`, `{ BOOL: true }`, `{ M: {...} }`, ... (or an expression). */
export type AttributeValue = Record<string, unknown> | string;
type Item = Record<string, AttributeValue>;

interface Conditional {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
  ReturnConsumedCapacity?: 'INDEXES' | 'TOTAL' | 'NONE';
}

export interface GetItemRequest {
  TableName: string;
  Key: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}
export interface PutItemRequest extends Conditional {
  TableName: string;
  Item: Item;
}
export interface UpdateItemRequest extends Conditional {
  TableName: string;
  Key: Item;
  UpdateExpression: string;
}
export interface DeleteItemRequest extends Conditional {
  TableName: string;
  Key: Item;
}

function op<R extends { TableName: string }>(action: string, label: string) {
  return (...args: NamedArgs<R>): Task =>
    integrationTask(args, (r) => derivedName(label, r.TableName), (request) => ({ resource: serviceResource('dynamodb', action), request }));
}

export const dynamodb = {
  getItem: op<GetItemRequest>('getItem', 'Get item'),
  putItem: op<PutItemRequest>('putItem', 'Put item'),
  updateItem: op<UpdateItemRequest>('updateItem', 'Update item'),
  deleteItem: op<DeleteItemRequest>('deleteItem', 'Delete item'),
  retries: {
    throttling: (overrides: RetryOptions = {}): RetryOptions =>
      retryPreset(['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded'], 'dynamodb throttling', overrides),
  },
};
