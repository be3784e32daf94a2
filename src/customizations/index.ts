/**
 * Installs the per-service customizations boto3 has (S3 today; DynamoDB types later). Each
 * registers event handlers on new Sessions; importing this module is the switch.
 */
import './s3';
