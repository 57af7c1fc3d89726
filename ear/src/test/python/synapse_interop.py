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
