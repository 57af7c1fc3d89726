// End-to-end encryption across two servers with matrix-js-sdk's own crypto (Rust, WebAssembly)
// (issue: Federation II): alice on server A and bob on server B share an encrypted room; alice's
// client fetches bob's device keys and a one-time key from B through A, sends the room key to
// bob's device as a to-device message, and bob's client decrypts her message.
// Exits 0 and prints OK when bob reads the plain text. Usage: node e2ee-two-servers.mjs <A URL> <B URL> <A server name>
import * as sdk from "matrix-js-sdk";
const [baseA, baseB, serverA] = process.argv.slice(2);
const tag = Date.now().toString(36);
async function register(base, name) {
  const r = await fetch(base + "/_matrix/client/v3/register", {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({username: name, password: "js sdk password", auth: {type: "m.login.dummy"}})});
  const j = await r.json();
  if (!r.ok) throw new Error("register " + JSON.stringify(j));
  return j;
}
function waitFor(label, check, ms = 60000) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = async () => {
      let v;
      try { v = await check(); } catch (e) { v = undefined; }
      if (v) return resolve(v);
      if (Date.now() - t0 > ms) return reject(new Error("timeout: " + label));
      setTimeout(tick, 100);
    };
    tick();
  });
}
async function start(base, account) {
  const client = sdk.createClient({baseUrl: base, accessToken: account.access_token, userId: account.user_id,
    deviceId: account.device_id});
  await client.initRustCrypto({useIndexedDB: false});
  const ready = new Promise(res => client.on(sdk.ClientEvent.Sync, s => { if (s === "PREPARED") res(); }));
  await client.startClient({initialSyncLimit: 10});
  await Promise.race([ready, new Promise((_, rej) => setTimeout(() => rej(new Error("sync not PREPARED")), 30000))]);
  return client;
}
const a = await register(baseA, "e2ea" + tag), b = await register(baseB, "e2eb" + tag);
const alice = await start(baseA, a);
const bob = await start(baseB, b);
console.log("both clients synced, crypto on");
const {room_id} = await alice.createRoom({preset: "public_chat", name: "e2ee across servers",
  initial_state: [{type: "m.room.encryption", state_key: "", content: {algorithm: "m.megolm.v1.aes-sha2"}}]});
await bob.joinRoom(room_id, {viaServers: [serverA]});
await waitFor("alice sees bob joined", () => alice.getRoom(room_id)?.getMember(b.user_id)?.membership === "join");
await waitFor("alice's client knows bob's device", async () => {
  const devices = await alice.getCrypto().getUserDeviceInfo([b.user_id], true);
  return devices.get(b.user_id)?.has(b.device_id);
});
console.log("bob's device known on A");
await alice.sendTextMessage(room_id, "secret across servers");
const decrypted = await waitFor("bob decrypts alice's message", () => {
  const events = bob.getRoom(room_id)?.getLiveTimeline().getEvents() ?? [];
  return events.find(e => e.isEncrypted() && !e.isDecryptionFailure() && e.getContent().body === "secret across servers");
});
console.log("bob read: " + decrypted.getContent().body);
alice.stopClient(); bob.stopClient();
console.log("OK");
process.exit(0);
