"""Decodes CBOR items with botocore's own CBOR parser (the reference for cbor-codec.spec.ts).

stdin: a JSON list of hex strings. stdout: a JSON list, one entry per input:
{"ok": true, "whole": <every byte read>, "value": <normalized>} or {"ok": false, "error": "..."}.
Normalized as the spec normalizes its own decoder's values: bytes as {"$bytes": hex},
timestamps as {"$epochMs": n}, NaN and infinities as {"$float": "NaN"}, integers past 2^53 as
{"$bigint": "..."}, a map key that is not text as {"$badkey": ...}.
"""
import io
import json
import math
import sys

from botocore.parsers import RpcV2CBORParser

parser = RpcV2CBORParser()


def norm(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2**53 - 1 else {"$bigint": str(v)}
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return {"$float": "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")}
        return 0 if v == 0 else v
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": bytes(v).hex()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            return {"$badkey": True}
        return {k: norm(v[k]) for k in sorted(v)}
    if hasattr(v, "timestamp"):
        return {"$epochMs": round(v.timestamp() * 1000)}
    return {"$unknown": repr(v)}


out = []
for hexed in json.load(sys.stdin):
    data = bytes.fromhex(hexed)
    stream = parser.get_peekable_stream_from_bytes(data)
    try:
        value = parser.parse_data_item(stream)
        whole = stream.tell() == len(data)
        out.append({"ok": True, "whole": whole, "value": norm(value)})
    except Exception as e:  # botocore raises ResponseParserError, UnicodeDecodeError, ValueError, ...
        out.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
json.dump(out, sys.stdout)
