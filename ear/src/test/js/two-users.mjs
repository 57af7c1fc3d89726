// Two users on matrix-js-sdk against Weft (issue: /sync): both clients reach PREPARED, then a message,
// typing and a read receipt travel from one to the other. Exits 0 and prints OK when all arrive.
// Usage: node two-users.mjs <base URL>
import * as sdk from "matrix-js-sdk";
const base = process.argv[2];
const tag = Date.now().toString(36);
async function register(name) {
  const r = await fetch(base + "/_matrix/client/v3/register", {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({username: name, password: "js sdk password", auth: {type: "m.login.dummy"}})});
  const j = await r.json();
  if (!r.ok) throw new Error("register " + JSON.stringify(j));
  return j;
}
function waitFor(label, check, ms = 20000) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => { const v = check(); if (v) return resolve(v); if (Date.now() - t0 > ms) return reject(new Error("timeout: " + label)); setTimeout(tick, 50); };
    tick();
  });
}
const a = await register("jsa" + tag), b = await register("jsb" + tag);
const alice = sdk.createClient({baseUrl: base, accessToken: a.access_token, userId: a.user_id, deviceId: a.device_id});
const bob = sdk.createClient({baseUrl: base, accessToken: b.access_token, userId: b.user_id, deviceId: b.device_id});
for (const c of [alice, bob]) {
  const ready = new Promise(res => c.on(sdk.ClientEvent.Sync, s => { if (s === "PREPARED") res(); }));
  await c.startClient({initialSyncLimit: 10});
  await Promise.race([ready, new Promise((_, rej) => setTimeout(() => rej(new Error("sync not PREPARED")), 20000))]);
}
console.log("both clients synced");
const {room_id} = await alice.createRoom({preset: "public_chat", name: "js-sdk"});
await bob.joinRoom(room_id);
await waitFor("alice sees bob joined", () => alice.getRoom(room_id)?.getMember(b.user_id)?.membership === "join");
const sent = await alice.sendTextMessage(room_id, "hello from js-sdk");
await waitFor("bob sees the message", () => bob.getRoom(room_id)?.getLiveTimeline().getEvents().some(e => e.getContent().body === "hello from js-sdk"));
console.log("message delivered");
await alice.sendTyping(room_id, true, 10000);
await waitFor("bob sees alice typing", () => bob.getRoom(room_id)?.getMember(a.user_id)?.typing === true);
console.log("typing seen");
const ev = bob.getRoom(room_id).findEventById(sent.event_id);
await bob.sendReadReceipt(ev);
await waitFor("alice sees bob's receipt", () => alice.getRoom(room_id)?.getUsersReadUpTo(ev)?.includes(b.user_id));
console.log("receipt seen");
alice.stopClient(); bob.stopClient();
console.log("OK");
process.exit(0);
