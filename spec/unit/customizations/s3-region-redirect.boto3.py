"""boto3's side of s3-region-redirect.spec.ts: runs the scenarios given as JSON on stdin through
boto3 clients whose http traffic goes to the spec's loopback server (argv[1], as a proxy) and
prints each call's outcome as JSON, in the shape the spec builds for botojs."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

proxy = sys.argv[1]
scenarios = json.load(sys.stdin)
out = []
for scenario in scenarios:
    opts = scenario.get('client', {})
    config = {'proxies': {'http': proxy}}
    if 'addressingStyle' in opts:
        config['s3'] = {'addressing_style': opts['addressingStyle']}
    if 'retries' in opts:
        config['retries'] = {'mode': 'standard', 'total_max_attempts': opts['retries']}
    client = boto3.client(
        's3',
        region_name=opts.get('region', 'us-east-1'),
        endpoint_url=opts.get('endpointUrl'),
        use_ssl=False,
        aws_access_key_id='AKID',
        aws_secret_access_key='SECRET',
        config=Config(**config),
    )
    results = []
    for call in scenario['calls']:
        try:
            r = getattr(client, call['op'])(**call['params'])
            results.append({'ok': r['ResponseMetadata']['RetryAttempts']})
        except ClientError as e:
            results.append({'error': e.response['Error']['Code']})
    out.append({'name': scenario['name'], 'results': results})
print(json.dumps(out))
