/**
 * The per-service customizations botocore and boto3 have (S3, EC2, DynamoDB's native types, IAM
 * policy documents, CloudFormation templates, Machine Learning's Predict endpoint), the only
 * code that names services; docs/botocore-customizations.md lists every handler and its status. Sessions install the event handlers (build-time ones included:
 * `creating-client-class.<service>`, `creating-resource-class.<service>.<Resource>`).
 */
import type { HierarchicalEmitter } from '../events/emitter';
import { installApiGatewayAccept } from './apigateway';
import { installBedrockAgentCoreTimestamps } from './bedrock-agentcore';
import { installBedrockBearerToken } from './bedrock-bearer-token';
import { installBidirectionalStreamingRemovals } from './bidirectional-streaming';
import { installCloudFormation } from './cloudformation';
import { installCloudSearchDomainPost } from './cloudsearchdomain';
import { installDynamoDb } from './dynamodb';
import { installEc2 } from './ec2';
import { installEndpointDiscoveryVersion } from './endpoint-discovery-version';
import { installEc2ConsoleOutput } from './ec2/console-output';
import { installIam } from './iam';
import { installImportExport } from './importexport';
import { installGlacier } from './glacier';
import { installCrossRegionPresign } from './cross-region-presign';
import { installS3Presign } from './s3/presign';
import { installS3PresignPost } from './s3/presign-post';
import { installS3RegionRedirect } from './s3/region-redirect';
import { installS3ExpressSessions } from './s3/express-session';
import { installMachineLearning } from './machinelearning';
import { installParameterAliases } from './parameter-aliases';
import { installPollyPresignContentType } from './polly-presign-content-type';
import { installRecursionDetection } from './recursion-detection';
import { installRoute53Ids } from './route53';
import { installS3 } from './s3';
import { installS3EndpointBuiltIns } from './s3/endpoint-builtins';
import { installS3EscapeXmlPayload } from './s3/escape-xml-payload';
import { installS3ExpectContinue } from './s3/expect-continue';
import { installS3ExpiresHeader } from './s3/expires-header';
import { installS3ResourceLoads } from './s3/resource-load';
import { installS3SseCustomerKey } from './s3/sse-customer-key';
import { installS3UnsignedTrailer } from './s3/unsigned-trailer';
import { installS3ControlHostPrefix } from './s3control';
import { installServiceNameAliases } from './service-name-aliases';
import { installSocialMessagingMethodAlias } from './socialmessaging-method-alias';
import { installSqs } from './sqs';
import { installSsoOidc } from './sso-oidc';
import { installSts } from './sts';
import { installUserDataEncoding } from './user-data';
import { installS3TransferMethods } from './s3/transfer/client-extension';
import { installTransferResourceMembers } from './s3/transfer/resource-methods';
import { installRdsDbAuthToken } from './rds/db-auth-token';
import { installDsqlDbAuthToken } from './dsql/db-auth-token';

/**
 * Registers every customization's event handlers on a new session's emitter: the one place
 * customizations are installed. Nothing here runs when a module loads; a session's emitter
 * (and the clients copied from it) is all a customization changes.
 */
export function installCustomizations(events: HierarchicalEmitter): void {
  installS3(events);
  installS3EndpointBuiltIns(events);
  installS3ExpiresHeader(events);
  installTransferResourceMembers(events);
  installS3ResourceLoads(events);
  installEc2(events);
  installEc2ConsoleOutput(events);
  installDynamoDb(events);
  installIam(events);
  installCloudFormation(events);
  installMachineLearning(events);
  installSqs(events);
  installSsoOidc(events);
  installSts(events);
  installParameterAliases(events);
  installApiGatewayAccept(events);
  installS3ControlHostPrefix(events);
  installRoute53Ids(events);
  installUserDataEncoding(events);
  installCloudSearchDomainPost(events);
  installEndpointDiscoveryVersion(events);
  installS3SseCustomerKey(events);
  installS3EscapeXmlPayload(events);
  installS3ExpectContinue(events);
  installBedrockAgentCoreTimestamps(events);
  installBedrockBearerToken(events);
  installImportExport(events);
  installGlacier(events);
  installCrossRegionPresign(events);
  installS3Presign(events);
  installS3PresignPost(events);
  installS3RegionRedirect(events);
  installS3ExpressSessions(events);
  installServiceNameAliases(events);
  installSocialMessagingMethodAlias(events);
  installBidirectionalStreamingRemovals(events);
  installRecursionDetection(events);
  installS3UnsignedTrailer(events);
  installPollyPresignContentType(events);
  // Client members that are not operations, in the order botojs has always added them.
  installS3TransferMethods(events);
  installRdsDbAuthToken(events);
  installDsqlDbAuthToken(events);
}
