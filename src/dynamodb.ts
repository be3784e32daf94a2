/**
 * `botojs/dynamodb`: boto3's `boto3.dynamodb.*` in one import — the native-value serializers,
 * the condition builders `Key`/`Attr`, DynamoNumber, the DynamoDB customization errors and the
 * batch writer's types. The same objects as the top-level `botojs` exports (which load them
 * lazily); importing this path loads them at once.
 */
export { TypeSerializer, TypeDeserializer } from './customizations/dynamodb/types';
export type { AttributeValue, NativeAttributeValue } from './customizations/dynamodb/types';
export { DynamoNumber } from './customizations/dynamodb/number';
export { Key, Attr, ConditionBase, AttributeBase, ConditionExpressionBuilder } from './customizations/dynamodb/conditions';
export type { BuiltConditionExpression, ConditionKind } from './customizations/dynamodb/conditions';
export { DynamoDBOperationNotSupportedError, DynamoDBNeedsConditionError, DynamoDBNeedsKeyConditionError } from './customizations/dynamodb/errors';
// `table.batchWriter()` makes the writer; users name its type, never construct it.
export type { BatchWriter, BatchWriterOptions, WriteRequest } from './customizations/dynamodb/batch-writer';
