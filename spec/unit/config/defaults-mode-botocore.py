"""Prints what botocore resolves for each defaults-mode case read from stdin (JSON list).

Each case: name, env (added to a clean environment), config_file (text of AWS_CONFIG_FILE),
config (botocore Config kwargs), region. For an S3 and an STS client of that case it prints
the retry mode, connect timeout, the S3 client's us_east_1_regional_endpoint setting and the
two global-endpoint built-ins the endpoint rule sets read.
"""
import json
import os
import sys
import tempfile

import botocore.session
from botocore.config import Config

KEEP = ('PATH', 'HOME', 'PYTHONPATH', 'SYSTEMROOT')


def resolve(case, workdir):
    config_path = os.path.join(workdir, case['name'].replace('/', '_') + '.config')
    with open(config_path, 'w') as f:
        f.write(case.get('config_file', ''))
    clean = {k: v for k, v in os.environ.items() if k in KEEP}
    clean.update({
        'AWS_CONFIG_FILE': config_path,
        'AWS_SHARED_CREDENTIALS_FILE': os.path.join(workdir, 'absent'),
    })
    clean.update(case.get('env', {}))
    os.environ.clear()
    os.environ.update(clean)
    session = botocore.session.Session()
    kwargs = dict(
        region_name=case.get('region'),
        aws_access_key_id='AKIDEXAMPLE',
        aws_secret_access_key='secret',
        # No Config object unless the case has one: botocore lets any Config without its own
        # defaults_mode keep connect_timeout at 60 (see the spec's known difference).
        config=Config(**case['config']) if 'config' in case else None,
    )
    s3 = session.create_client('s3', **kwargs)
    sts = session.create_client('sts', **kwargs)
    s3_config = s3.meta.config.s3 or {}
    return {
        'name': case['name'],
        'retryMode': s3.meta.config.retries['mode'],
        'connectTimeout': s3.meta.config.connect_timeout,
        'usEast1RegionalEndpoint': s3_config.get('us_east_1_regional_endpoint'),
        's3UseGlobalEndpoint': s3._ruleset_resolver._builtins['AWS::S3::UseGlobalEndpoint'],
        'stsUseGlobalEndpoint': sts._ruleset_resolver._builtins['AWS::STS::UseGlobalEndpoint'],
    }


def main():
    cases = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as workdir:
        results = [resolve(case, workdir) for case in cases]
    print(json.dumps({'botocore': botocore.__version__, 'results': results}))


main()
