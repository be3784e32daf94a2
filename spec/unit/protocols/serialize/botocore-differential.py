"""Differential fixture generator (opt-in test, see botocore-differential.spec.ts).

Usage: python3 botocore-differential.py <service-models dir> [seed]
Generates random params for every operation of a set of services from the shipped models,
serializes them with the installed botocore and writes [{svc, ver, op, protocol, params,
expected}] as JSON to stdout. Services whose model's `protocol` is smithy-rpc-v2-cbor are
serialized as CBOR (body as `base64:...`); BOTOCORE_DIFF_SERVICES=a,b limits the services.
"""
import base64, json, random, copy, os, sys
from botocore.model import ServiceModel
from botocore.serialize import SERIALIZERS
from botocore.utils import percent_encode_sequence
from urllib.parse import urlencode
random.seed(int(sys.argv[2]) if len(sys.argv)>2 else 1)
root=sys.argv[1]
SVCS=['arc-region-switch','gamelift','snowball','compute-optimizer','s3','ec2','sqs','dynamodb','lambda','sns','iam','route53','cloudfront','apigateway','glacier','kinesis','ssm','sts','cloudwatch','s3control','efs','rds','elbv2','autoscaling','logs','ecs','events','kms','secretsmanager','appsync','mediastore-data','iot','batch','cloudformation','elasticache','redshift','athena','bedrock-runtime','lex-runtime','polly','transfer','workdocs','sesv2','ses','route53domains','opensearch','neptune','docdb','glue']
STR_CHARS="abcXYZ019 -_.~/!*'()&=+:@ü\u00e9%"
def rstr(alnum=False):
    if alnum: return ''.join(random.choice('abc019-.') for _ in range(random.randint(1,6)))
    return ''.join(random.choice(STR_CHARS) for _ in range(random.randint(1,8)))
def gen(shape, depth, name=''):
    t=shape.type_name
    if t=='structure':
        if depth>3: return {}
        out={}
        if getattr(shape,'is_document_type',False): return {'doc':[1,'x',{'y':True}]}
        mems=list(shape.members.items())
        if shape.metadata.get('union'):
            if mems:
                k,m=random.choice(mems); out[k]=gen(m,depth+1,k)
            return out
        for k,m in mems:
            req = k in shape.required_members or m.serialization.get('location')=='uri' or m.serialization.get('hostLabel')
            if req or random.random()<0.5:
                if m.serialization.get('eventstream') : continue
                out[k]=gen(m,depth+1,k)
        return out
    if t=='list':
        if depth>4: return []
        return [gen(shape.member,depth+1) for _ in range(random.randint(0,3))]
    if t=='map':
        if depth>4: return {}
        return { 'k'+rstr(True): gen(shape.value,depth+1) for _ in range(random.randint(0,3))}
    if t=='string':
        if shape.serialization.get('hostLabel'): return rstr(True)
        if shape.serialization.get('jsonvalue'): return random.choice(['{"a": 1}','x'])
        if shape.enum: return random.choice(shape.enum)
        return rstr()
    if t in ('integer','long','short','byte'): return random.randint(-5,100000)
    if t in ('float','double'): return random.choice([1.5,-2.25,1e-3, 3.125])
    if t=='boolean': return random.choice([True,False])
    if t=='timestamp': return random.choice([1398796238, 1398796238.5, '2014-04-29T18:30:38Z','2014-04-29T18:30:38.123456Z','2014-04-29T18:30:38+02:00', 0])
    if t=='blob': return rstr()
    return rstr()
out=[]
only=[x for x in os.environ.get('BOTOCORE_DIFF_SERVICES','').split(',') if x]
for svc in (only or SVCS):
    d=os.path.join(root,svc); 
    if not os.path.isdir(d): continue
    ver=sorted(os.listdir(d))[-1]
    raw=json.load(open(os.path.join(d,ver,'service-2.json')))
    m=ServiceModel(raw, svc)
    proto=m.metadata['protocol']
    if proto not in SERIALIZERS: continue
    for opn in m.operation_names:
        op=m.operation_model(opn)
        if op.input_shape is None: params={}
        else: params=gen(op.input_shape,0)
        for mn in op.idempotent_members:
            if mn not in params: params[mn]='00000000-0000-4000-8000-000000000000'
        try:
            r=SERIALIZERS[proto]().serialize_to_request(copy.deepcopy(params),op)
            body=r['body']
            if isinstance(body,dict):
                body=urlencode([(k.encode('utf-8'), v.encode('utf-8') if isinstance(v,str) else v) for k,v in body.items()], doseq=True)
            elif isinstance(body,bytes):
                body='base64:'+base64.b64encode(body).decode() if proto=='smithy-rpc-v2-cbor' else body.decode('utf-8')
            qs=r['query_string']; q=percent_encode_sequence(qs) if isinstance(qs,dict) else qs
            res={'method':r['method'],'path':r['url_path'],'query':q,'headers':{k:str(v) for k,v in r['headers'].items()},'body':body,'hostPrefix':r.get('host_prefix')}
        except Exception as e:
            res={'error':repr(e)}
        out.append({'svc':svc,'ver':ver,'op':opn,'protocol':proto,'params':params,'expected':res})
json.dump(out,sys.stdout)
