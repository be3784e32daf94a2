/**
 * The XML response bodies the bench parses, shaped like the real services' (element names,
 * order, namespaces, entities): S3 ListObjectsV2 with 1,000 keys and EC2 DescribeInstances with
 * 100 instances. Deterministic, so every run and both SDKs parse the same bytes. Used by the
 * canned server (throughput) and by the parser micro-bench (xml-parsers.ts).
 */

/** ETag-like hex from an index (no randomness: the bytes are the same on every run). */
function hex(i: number, length: number): string {
  let out = '';
  let x = (i + 1) * 2654435761;
  while (out.length < length) {
    x = (x ^ (x >>> 13)) * 1274126177;
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/**
 * ListObjectsV2 as S3 answers it when asked for `encoding-type=url` (botocore and botojs ask;
 * S3 then echoes EncodingType and botojs url-decodes Key, as botocore does).
 */
export function listObjectsV2Body(keys = 1000): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bench-bucket</Name><Prefix></Prefix>',
    `<KeyCount>${keys}</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>`,
  ];
  for (let i = 0; i < keys; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    parts.push(
      `<Contents><Key>photos/2024/05/${day}/IMG_${String(i).padStart(6, '0')}.jpg</Key>`,
      `<LastModified>2024-05-${day}T07:08:${String(i % 60).padStart(2, '0')}.000Z</LastModified>`,
      `<ETag>&quot;${hex(i, 32)}&quot;</ETag><Size>${1000 + ((i * 7919) % 5_000_000)}</Size>`,
      '<StorageClass>STANDARD</StorageClass></Contents>',
    );
  }
  parts.push('</ListBucketResult>');
  return parts.join('');
}

function tags(i: number): string {
  return '<tagSet>' +
    `<item><key>Name</key><value>web-${i}</value></item>` +
    '<item><key>env</key><value>production</value></item>' +
    `<item><key>team</key><value>platform &amp; infra</value></item></tagSet>`;
}

function groups(i: number): string {
  return `<groupSet><item><groupId>sg-${hex(i + 7, 17)}</groupId><groupName>web-tier</groupName></item></groupSet>`;
}

function networkInterface(i: number): string {
  const ip = `10.0.${(i >> 8) & 255}.${i & 255}`;
  return '<networkInterfaceSet><item>' +
    `<networkInterfaceId>eni-${hex(i + 3, 17)}</networkInterfaceId><subnetId>subnet-0123456789abcdef0</subnetId>` +
    '<vpcId>vpc-0123456789abcdef0</vpcId><description/><ownerId>123456789012</ownerId><status>in-use</status>' +
    `<macAddress>0a:1b:2c:${hex(i, 2)}:${hex(i + 1, 2)}:${hex(i + 2, 2)}</macAddress>` +
    `<privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.ec2.internal</privateDnsName>` +
    `<sourceDestCheck>true</sourceDestCheck>${groups(i)}` +
    `<attachment><attachmentId>eni-attach-${hex(i + 4, 17)}</attachmentId><deviceIndex>0</deviceIndex>` +
    '<status>attached</status><attachTime>2024-05-06T07:08:09.000Z</attachTime><deleteOnTermination>true</deleteOnTermination>' +
    '<networkCardIndex>0</networkCardIndex></attachment>' +
    `<association><publicIp>54.0.${(i >> 8) & 255}.${i & 255}</publicIp><publicDnsName>ec2-54-0-0-${i}.compute-1.amazonaws.com</publicDnsName>` +
    '<ipOwnerId>amazon</ipOwnerId></association>' +
    `<privateIpAddressesSet><item><privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.ec2.internal</privateDnsName>` +
    '<primary>true</primary></item></privateIpAddressesSet><ipv6AddressesSet/><interfaceType>interface</interfaceType>' +
    '</item></networkInterfaceSet>';
}

function instance(i: number): string {
  const ip = `10.0.${(i >> 8) & 255}.${i & 255}`;
  return '<item>' +
    `<instanceId>i-${hex(i, 17)}</instanceId><imageId>ami-0abcdef1234567890</imageId>` +
    '<instanceState><code>16</code><name>running</name></instanceState>' +
    `<privateDnsName>ip-${ip.replace(/\./g, '-')}.ec2.internal</privateDnsName>` +
    `<dnsName>ec2-54-0-0-${i}.compute-1.amazonaws.com</dnsName><reason/><keyName>deploy-key</keyName>` +
    '<amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>m5.large</instanceType>' +
    `<launchTime>2024-05-06T07:08:${String(i % 60).padStart(2, '0')}.000Z</launchTime>` +
    '<placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>' +
    '<monitoring><state>disabled</state></monitoring><subnetId>subnet-0123456789abcdef0</subnetId>' +
    `<vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>${ip}</privateIpAddress>` +
    `<ipAddress>54.0.${(i >> 8) & 255}.${i & 255}</ipAddress><sourceDestCheck>true</sourceDestCheck>${groups(i)}` +
    '<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>' +
    '<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName>' +
    `<ebs><volumeId>vol-${hex(i + 5, 17)}</volumeId><status>attached</status>` +
    '<attachTime>2024-05-06T07:08:10.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>' +
    `<virtualizationType>hvm</virtualizationType><clientToken>${hex(i + 6, 32)}</clientToken>${tags(i)}` +
    `<hypervisor>xen</hypervisor>${networkInterface(i)}` +
    '<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/web</arn><id>AIPAEXAMPLEEXAMPLE1234</id></iamInstanceProfile>' +
    '<ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>' +
    '<cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>' +
    '<capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification>' +
    '<hibernationOptions><configured>false</configured></hibernationOptions>' +
    '<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>' +
    '<httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions>' +
    '<enclaveOptions><enabled>false</enabled></enclaveOptions><bootMode>uefi-preferred</bootMode>' +
    '<platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation>' +
    '<usageOperationUpdateTime>2024-05-06T07:08:09.000Z</usageOperationUpdateTime>' +
    '<privateDnsNameOptions><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>' +
    '<enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptions>' +
    '<maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions><currentInstanceBootMode>legacy-bios</currentInstanceBootMode>' +
    '</item>';
}

/** DescribeInstances as EC2 answers it: one reservation per instance, as launches usually give. */
export function describeInstancesBody(instances = 100): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">',
    '<requestId>8f7724cf-496f-496e-8fe3-example</requestId><reservationSet>',
  ];
  for (let i = 0; i < instances; i++) {
    parts.push(
      `<item><reservationId>r-${hex(i + 9, 17)}</reservationId><ownerId>123456789012</ownerId><groupSet/>`,
      `<instancesSet>${instance(i)}</instancesSet></item>`,
    );
  }
  parts.push('</reservationSet></DescribeInstancesResponse>');
  return parts.join('');
}
