"""The boto3 side of the differential sweep.

Reads cases as JSON lines on stdin ({"id", "service", "operation", "params"}), makes each call
with the installed boto3 against the capture server, and writes one JSON line per case on stdout:
{"id", "outcome"} where outcome is {"kind": "ok", "result"}, {"kind": "client-error", "class",
"response"} or {"kind": "exception", "class", "message"}. Whether anything was sent is the capture
server's to say, not ours.

Made deterministic so its requests can be compared byte for byte with botojs's:
- the clock botocore signs with is frozen at SWEEP_NOW;
- idempotency tokens come from a counter reset per case (botojs's driver uses the same sequence);
- every host resolves to SWEEP_ADDR, so endpoint_url can be a name (host prefixes and S3
  virtual-host buckets then work) while both drivers send identical Host headers;
- botocore's retry headers (amz-sdk-invocation-id, amz-sdk-request) are not added: botocore signs
  them and botojs deliberately sends neither, so with them no signature could ever match. That
  difference is listed as deliberate in known-differences.json, and removing it here keeps the
  signature comparison meaningful for everything else.
- SWEEP_PROTOCOL (set by `npm run sweep -- --protocol=...`) goes first in botocore's protocol
  preference, so a model that lists it is spoken in it (botojs's driver sets Config's protocol).

Run only by the sweep (spec/differential/sweep-runner.ts), which sets the environment.
"""
import base64
import datetime
import time
import decimal
import json
import os
import socket
import sys
import uuid

import botocore.auth
import botocore.compat
import botocore.handlers
import botocore.model
import botocore.tokens
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody
from botocore.eventstream import EventStream

ENDPOINT = os.environ['SWEEP_ENDPOINT']
ADDR = os.environ['SWEEP_ADDR']
NOW = datetime.datetime.strptime(os.environ['SWEEP_NOW'], '%Y-%m-%dT%H:%M:%SZ')


def frozen_now(remove_tzinfo=True):
    return NOW if remove_tzinfo else NOW.replace(tzinfo=datetime.timezone.utc)


FORCED = os.environ.get('SWEEP_PROTOCOL')
if FORCED:
    botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (FORCED,) + tuple(
        p for p in botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS if p != FORCED
    )

botocore.compat.get_current_datetime = frozen_now
botocore.auth.get_current_datetime = frozen_now


class _FrozenTime:
    """botocore.auth's `time` for SigV2 (SimpleDB), which reads time.gmtime() directly."""

    def __getattr__(self, name):
        return getattr(time, name)

    def gmtime(self, secs=None):
        return time.gmtime(NOW.replace(tzinfo=datetime.timezone.utc).timestamp() if secs is None else secs)


botocore.auth.time = _FrozenTime()

_real_getaddrinfo = socket.getaddrinfo


def _loopback_getaddrinfo(host, port, *args, **kwargs):
    return _real_getaddrinfo(ADDR, port, *args, **kwargs)


socket.getaddrinfo = _loopback_getaddrinfo


class _TokenCounter:
    """uuid4 for botocore.handlers: 00000000-0000-4000-8000-00000000000N, N from 1 per case."""

    def __init__(self):
        self.n = 0

    def uuid4(self):
        self.n += 1
        return uuid.UUID(f'00000000-0000-4000-8000-{self.n:012d}')


TOKENS = _TokenCounter()
botocore.handlers.uuid = TOKENS

botocore.handlers.BUILTIN_HANDLERS[:] = [
    h for h in botocore.handlers.BUILTIN_HANDLERS if h[1] is not botocore.handlers.add_retry_headers
]

import boto3  # noqa: E402  (after the patches, so its session gets the filtered handlers)


class _FixedTokenProvider:
    def load_token(self, **kwargs):
        return botocore.tokens.FrozenAuthToken('sweep-bearer-token')


SESSION = boto3.Session(aws_access_key_id='AKIDSWEEPEXAMPLE', aws_secret_access_key='sweep/secret/key', region_name='us-east-1')
SESSION._session._components.register_component('token_provider', _FixedTokenProvider())
# The retry mode is set, not left to the default: botocore 1.43 defaults to legacy (standard only
# with AWS_NEW_RETRIES_2026=true), botojs to standard (DESIGN.md). Same mode, same metadata.
CONFIG = Config(retries={'mode': 'standard', 'total_max_attempts': 1}, connect_timeout=5, read_timeout=15)
CLIENTS = {}


def client_for(service):
    """The client for `service` and its API-name -> method-name map, made once."""
    if service not in CLIENTS:
        c = SESSION.client(service, endpoint_url=ENDPOINT, config=CONFIG)
        CLIENTS[service] = (c, {v: k for k, v in c.meta.method_to_api_mapping.items()})
    return CLIENTS[service]


def untag(v):
    if isinstance(v, list):
        return [untag(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1 and '$bytes' in v:
            return base64.b64decode(v['$bytes'])
        if len(v) == 1 and '$ts' in v:
            return datetime.datetime.fromisoformat(v['$ts'].replace('Z', '+00:00'))
        return {k: untag(x) for k, x in v.items()}
    return v


def iso(dt):
    if dt.tzinfo is not None:
        dt = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return dt.strftime('%Y-%m-%dT%H:%M:%S') + '.%03dZ' % (dt.microsecond // 1000)


def normalize(v):
    if isinstance(v, dict):
        return {str(k): normalize(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [normalize(x) for x in v]
    if isinstance(v, datetime.datetime):
        return iso(v)
    if isinstance(v, (bytes, bytearray)):
        return {'$bytes': base64.b64encode(bytes(v)).decode('ascii')}
    if isinstance(v, StreamingBody):
        return {'$stream': base64.b64encode(v.read()).decode('ascii')}
    if isinstance(v, EventStream):
        return {'$eventstream': read_events(v)}
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, float) and (v != v or v in (float('inf'), float('-inf'))):
        return str(v)
    return v


def read_events(stream):
    """An event stream read to its end: its events, and the error that ended it (Code and
    Message of an EventStreamError; botojs raises the modeled class, so the class is not compared)."""
    events = []
    try:
        for event in stream:
            events.append(normalize(event))
    except ClientError as e:
        error = e.response.get('Error', {})
        return {'events': events, 'error': {'Code': error.get('Code'), 'Message': error.get('Message')}}
    except Exception as e:  # a parse or transport failure is an outcome too
        return {'events': events, 'error': {'class': type(e).__name__, 'message': str(e)[:200]}}
    return {'events': events}


def _unserializable(o):
    return {'$unserializable': type(o).__name__, 'repr': repr(o)[:200]}


def run(case):
    TOKENS.n = 0
    client, methods = client_for(case['service'])
    method = getattr(client, methods[case['operation']])
    try:
        result = method(**untag(case['params']))
        return {'kind': 'ok', 'result': normalize(result)}
    except ClientError as e:
        return {'kind': 'client-error', 'class': type(e).__name__, 'response': normalize(e.response)}
    except Exception as e:  # every other failure is an outcome to compare, not a driver crash
        return {'kind': 'exception', 'class': type(e).__name__, 'message': str(e)[:500]}


def main():
    out = sys.stdout
    out.write(json.dumps({'ready': True}) + '\n')
    out.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        try:
            outcome = run(case)
        except Exception as e:  # client creation failed: still one answer per case
            outcome = {'kind': 'exception', 'class': type(e).__name__, 'message': str(e)[:500]}
        out.write(json.dumps({'id': case['id'], 'outcome': outcome}, default=_unserializable) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
