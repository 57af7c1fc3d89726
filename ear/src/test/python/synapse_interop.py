"""Weft and Synapse sharing rooms, tried by hand (docs/operations.md, "Federating with Synapse").

Usage: python3 synapse_interop.py WEFT_CLIENT_URL WEFT_SERVER_NAME SYNAPSE_CLIENT_URL SYNAPSE_SERVER_NAME TOKENS_FILE

TOKENS_FILE holds two Synapse users, one "user_id access_token" per line ('#' lines ignored).
Prints what each side saw; it is a check by hand, not a test of the build.
"""
import json, sys, time, urllib.request, urllib.parse, uuid
W, WNAME, S, SNAME, TOKENS = sys.argv[1:6]
def call(base, method, path, token=None, body=None, ok=(200,)):
    req=urllib.request.Request(base+path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header('Content-Type','application/json')
    if token: req.add_header('Authorization','Bearer '+token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r: return r.status, json.loads(r.read() or b'{}')
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b'{}')
def register(base, name):
    st,b=call(base,'POST','/_matrix/client/v3/register',body={'username':name,'password':'interop-password-1','auth':{'type':'m.login.dummy'}})
    if st!=200:
        st,b=call(base,'POST','/_matrix/client/v3/register',body={'username':name,'password':'interop-password-1'})
        st,b=call(base,'POST','/_matrix/client/v3/register',body={'username':name,'password':'interop-password-1','auth':{'type':'m.login.dummy','session':b.get('session')}})
    assert st==200,(st,b); return b['access_token'], b['user_id']
def send(base,tok,room,text):
    st,b=call(base,'PUT','/_matrix/client/v3/rooms/%s/send/m.room.message/%s'%(urllib.parse.quote(room),uuid.uuid4().hex),tok,{'msgtype':'m.text','body':text}); assert st==200,(st,b); return b['event_id']
def bodies(base,tok,room,limit=100):
    st,b=call(base,'GET','/_matrix/client/v3/rooms/%s/messages?dir=b&limit=%d'%(urllib.parse.quote(room),limit),tok)
    if st!=200: return ('ERR',st,b)
    return [e['content'].get('body') for e in reversed(b['chunk']) if e['type']=='m.room.message']
def wait(pred, what, secs=30):
    end=time.time()+secs
    while time.time()<end:
        v=pred()
        if v: return v
        time.sleep(0.5)
    print('TIMEOUT:', what); return None
tag=uuid.uuid4().hex[:6]
toks=[l.split() for l in open(TOKENS) if not l.startswith('#')]; sam=toks[0]; sue=toks[1]
samtok, samid = sam[1], sam[0]; suetok, sueid = sue[1], sue[0]
wtok, wid = register(W, 'wendy'+tag)
print('weft user', wid)
# 1. A room on Synapse with history, joined from Weft by alias
st,b=call(S,'POST','/_matrix/client/v3/createRoom',samtok,{'preset':'public_chat','room_alias_name':'lobby'+tag}); print('synapse createRoom',st); room1=b['room_id']
for i in range(15): send(S,samtok,room1,'early %d'%i)
st,b=call(W,'POST','/_matrix/client/v3/join/'+urllib.parse.quote('#lobby%s:%s'%(tag,SNAME)),wtok,{}); print('weft joins synapse room by alias', st, b)
wait(lambda: wid in call(S,'GET','/_matrix/client/v3/rooms/%s/joined_members'%urllib.parse.quote(room1),samtok)[1].get('joined',{}), 'synapse sees wendy joined')
send(W,wtok,room1,'hello from weft')
print('synapse sees weft message:', bool(wait(lambda: 'hello from weft' in bodies(S,samtok,room1), 'weft->synapse message')))
send(S,samtok,room1,'hello from synapse')
print('weft sees synapse message:', bool(wait(lambda: 'hello from synapse' in bodies(W,wtok,room1), 'synapse->weft message')))
print('weft history (backfilled):', bodies(W,wtok,room1))
# 2. A room on Weft, sue invited, accepts, talks
st,b=call(W,'POST','/_matrix/client/v3/createRoom',wtok,{'preset':'private_chat','invite':[sueid]}); print('weft createRoom with synapse invitee', st, b); room2=b.get('room_id')
if room2:
    ok=wait(lambda: room2 in (call(S,'GET','/_matrix/client/v3/sync?timeout=0',suetok)[1].get('rooms',{}).get('invite',{})), 'sue sees invite')
    st,b=call(S,'POST','/_matrix/client/v3/join/'+urllib.parse.quote(room2),suetok,{}); print('sue joins weft room', st, b)
    wait(lambda: sueid in call(W,'GET','/_matrix/client/v3/rooms/%s/joined_members'%urllib.parse.quote(room2),wtok)[1].get('joined',{}), 'weft sees sue joined')
    send(S,suetok,room2,'sue says hi'); send(W,wtok,room2,'wendy answers')
    print('weft sees sue:', bool(wait(lambda: 'sue says hi' in bodies(W,wtok,room2), 'sue->weft')))
    print('synapse sees wendy:', bool(wait(lambda: 'wendy answers' in bodies(S,suetok,room2), 'weft->sue')))
    st,b=call(S,'POST','/_matrix/client/v3/rooms/%s/leave'%urllib.parse.quote(room2),suetok,{}); print('sue leaves', st)
    print('weft sees sue leave:', bool(wait(lambda: call(W,'GET','/_matrix/client/v3/rooms/%s/state/m.room.member/%s'%(urllib.parse.quote(room2),urllib.parse.quote(sueid)),wtok)[1].get('membership')=='leave','leave')))
# 3. Sam joins a public Weft room by alias
st,b=call(W,'POST','/_matrix/client/v3/createRoom',wtok,{'preset':'public_chat','room_alias_name':'square'+tag}); room3=b['room_id']
send(W,wtok,room3,'before sam')
st,b=call(S,'POST','/_matrix/client/v3/join/'+urllib.parse.quote('#square%s:%s'%(tag,WNAME)),samtok,{}); print('synapse joins weft room by alias', st, b)
send(S,samtok,room3,'sam was here')
print('weft sees sam:', bool(wait(lambda: 'sam was here' in bodies(W,wtok,room3), 'sam->weft')))
print('synapse history of weft room:', wait(lambda: bodies(S,samtok,room3), 'synapse history'))
# 4. Ephemeral data in the Synapse room (issue 16): typing, receipts, presence, keys, to-device
def sync_has(base, tok, pred, what, secs=30):
    since=call(base,'GET','/_matrix/client/v3/sync?timeout=0',tok)[1].get('next_batch')
    end=time.time()+secs
    while time.time()<end:
        st,b=call(base,'GET','/_matrix/client/v3/sync?timeout=2000&since='+since,tok)
        if st==200:
            if pred(b): return True
            since=b.get('next_batch',since)
    print('TIMEOUT:', what); return False
def ephemeral(b, room, typ):
    return [e for e in b.get('rooms',{}).get('join',{}).get(room,{}).get('ephemeral',{}).get('events',[]) if e['type']==typ]
q=urllib.parse.quote
def typing_then(base, tok, room, who, typer_base, typer_tok, typer_id):
    import threading
    threading.Timer(1.0, lambda: call(typer_base,'PUT','/_matrix/client/v3/rooms/%s/typing/%s'%(q(room),q(typer_id)),typer_tok,{'typing':True,'timeout':20000})).start()
    return sync_has(base, tok, lambda b: any(typer_id in e['content'].get('user_ids',[]) for e in ephemeral(b,room,'m.typing')), who)
print('synapse sees wendy typing:', typing_then(S,samtok,room1,'wendy typing on synapse',W,wtok,wid))
print('weft sees sam typing:', typing_then(W,wtok,room1,'sam typing on weft',S,samtok,samid))
ev=send(W,wtok,room1,'please read')
wait(lambda: 'please read' in bodies(S,samtok,room1), 'synapse has the message')
import threading
threading.Timer(1.0, lambda: call(S,'POST','/_matrix/client/v3/rooms/%s/receipt/m.read/%s'%(q(room1),q(ev)),samtok,{})).start()
print('weft sees sam\'s receipt:', sync_has(W,wtok,lambda b: any(samid in json.dumps(e['content']) for e in ephemeral(b,room1,'m.receipt')),'receipt on weft'))
call(W,'PUT','/_matrix/client/v3/presence/%s/status'%q(wid),wtok,{'presence':'online','status_msg':'weft status '+tag})
print('synapse sees wendy\'s presence:', bool(wait(lambda: call(S,'GET','/_matrix/client/v3/presence/%s/status'%q(wid),samtok)[1].get('status_msg')=='weft status '+tag,'presence on synapse')))
call(S,'PUT','/_matrix/client/v3/presence/%s/status'%q(samid),samtok,{'presence':'online','status_msg':'synapse status '+tag})
print('weft sees sam\'s presence:', bool(wait(lambda: call(W,'GET','/_matrix/client/v3/presence/%s/status'%q(samid),wtok)[1].get('status_msg')=='synapse status '+tag,'presence on weft')))
def upload_keys(base, tok, uid, dev):
    keys={'user_id':uid,'device_id':dev,'algorithms':['m.olm.v1.curve25519-aes-sha2','m.megolm.v1.aes-sha2'],
          'keys':{'curve25519:'+dev:'c'+dev,'ed25519:'+dev:'e'+dev},'signatures':{uid:{'ed25519:'+dev:'sig'}}}
    return call(base,'POST','/_matrix/client/v3/keys/upload',tok,{'device_keys':keys})
def devices_of(base, tok, uid):
    st,b=call(base,'POST','/_matrix/client/v3/keys/query',tok,{'device_keys':{uid:[]}})
    return sorted(b.get('device_keys',{}).get(uid,{}).keys()), b.get('failures')
wdev=call(W,'GET','/_matrix/client/v3/account/whoami',wtok)[1]['device_id']
sdev=call(S,'GET','/_matrix/client/v3/account/whoami',samtok)[1]['device_id']
print('wendy uploads keys', upload_keys(W,wtok,wid,wdev)[0], '; sam uploads keys', upload_keys(S,samtok,samid,sdev)[0])
print('synapse queries wendy\'s keys:', wait(lambda: wdev in devices_of(S,samtok,wid)[0] and devices_of(S,samtok,wid), 'wendy keys on synapse'))
print('weft queries sam\'s keys:', wait(lambda: sdev in devices_of(W,wtok,samid)[0] and devices_of(W,wtok,samid), 'sam keys on weft'))
st,b=call(W,'POST','/_matrix/client/v3/login',None,{'type':'m.login.password','identifier':{'type':'m.id.user','user':wid},'password':'interop-password-1'})
wtok2, wdev2 = b['access_token'], b['device_id']; upload_keys(W,wtok2,wid,wdev2)
print('synapse learns wendy\'s new device:', bool(wait(lambda: wdev2 in devices_of(S,samtok,wid)[0], 'device list update on synapse')))
threading.Timer(1.0, lambda: call(S,'PUT','/_matrix/client/v3/sendToDevice/m.interop.test/%s'%uuid.uuid4().hex,samtok,{'messages':{wid:{wdev:{'hi':'from sam '+tag}}}})).start()
print('weft gets sam\'s to-device message:', sync_has(W,wtok,lambda b: 'from sam '+tag in json.dumps(b.get('to_device',{})),'to-device on weft'))
threading.Timer(1.0, lambda: call(W,'PUT','/_matrix/client/v3/sendToDevice/m.interop.test/%s'%uuid.uuid4().hex,wtok,{'messages':{samid:{sdev:{'hi':'from wendy '+tag}}}})).start()
print('synapse gets wendy\'s to-device message:', sync_has(S,samtok,lambda b: 'from wendy '+tag in json.dumps(b.get('to_device',{})),'to-device on synapse'))
