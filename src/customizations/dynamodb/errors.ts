/**
 * The errors of the DynamoDB conditions (boto3.exceptions' DynamoDB* classes, same names).
 */
import { inspect } from 'util';
import { BotojsError } from '../../errors';

const show = (v: unknown) => inspect(v, { depth: 2, breakLength: Infinity });

/** `and`/`or`/`not` was given something that is not a condition (`Attr('a').and('x')`). */
export class DynamoDBOperationNotSupportedError extends BotojsError {
  constructor(operation: string, value: unknown) {
    super(`${operation} cannot be applied to ${show(value)}: build conditions with the attribute methods first (Attr('a').eq(1).and(Attr('b').gt(2)))`);
  }
}

/** The expression builder was given something that is not a condition. */
export class DynamoDBNeedsConditionError extends BotojsError {
  constructor(value: unknown) {
    super(`Expected a condition, got ${show(value)}: build one with Key()/Attr() methods (Attr('a').eq(1))`);
  }
}

/** A KeyConditionExpression refers to an `Attr` (only `Key` attributes may appear there). */
export class DynamoDBNeedsKeyConditionError extends BotojsError {}
