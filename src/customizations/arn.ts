/** botocore's ArnParser.is_arn: `arn:` and six colon-separated parts (S3 and S3 Control buckets may be ARNs). */
export function isArn(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('arn:') && value.split(':').length >= 6;
}
