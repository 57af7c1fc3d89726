"""A real Python client against Weft: matrix-nio (Debian's python3-matrix-nio, 0.20 in Debian 12),
which speaks only the r0 paths. Two users register (UIA dummy auth in the first request, as nio
sends it), log in, create a room, invite and join, send, sync, paginate from /sync's next_batch,
and upload and download a file. Prints one line per step and OK at the end; exits non-zero on the
first failure. Usage: python3 nio_client.py http://localhost:18008
"""
import asyncio
import sys
import time
import uuid

from nio import (AsyncClient, DownloadResponse, JoinResponse, LoginResponse, RegisterResponse,
                 RoomCreateResponse, RoomInviteResponse, RoomMessagesResponse, RoomMessageText,
                 RoomSendResponse, SyncResponse, UploadResponse)


def check(condition, what, detail=""):
    """Prints the step; on failure also what came back (nio's responses, which name no token)."""
    if not condition:
        raise SystemExit("FAILED: %s: %s" % (what, describe(detail)))
    print(what, flush=True)


def describe(value):
    """An error response's type, status and message: never its URL, which holds the access token."""
    if hasattr(value, "transport_response"):
        return "%s %s %s" % (type(value).__name__, getattr(value, "status_code", ""), getattr(value, "message", ""))
    return str(value)


async def register(base, name):
    client = AsyncClient(base, name)
    response = await client.register(name, "correct horse battery", "nio register")
    check(isinstance(response, RegisterResponse), "registered " + name, response)
    await client.close()


async def login(base, name):
    client = AsyncClient(base, name)
    response = await client.login("correct horse battery", device_name="nio")
    check(isinstance(response, LoginResponse), "logged in " + name, response)
    return client


def bodies(events):
    return [e.body for e in events if isinstance(e, RoomMessageText)]


async def main(base):
    suffix = uuid.uuid4().hex[:8]
    alice_name, bob_name = "nio-alice-" + suffix, "nio-bob-" + suffix
    await register(base, alice_name)
    await register(base, bob_name)
    alice = await login(base, alice_name)
    bob = await login(base, bob_name)
    try:
        created = await alice.room_create(name="nio room")
        check(isinstance(created, RoomCreateResponse), "room created", created)
        room_id = created.room_id
        invited = await alice.room_invite(room_id, bob.user_id)
        check(isinstance(invited, RoomInviteResponse), "bob invited", invited)
        joined = await bob.join(room_id)
        check(isinstance(joined, JoinResponse), "bob joined", joined)

        for i in range(1, 4):
            sent = await alice.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": "nio %d" % i})
            check(isinstance(sent, RoomSendResponse), "message %d sent" % i, sent)

        synced = await bob.sync(timeout=0, full_state=True)
        check(isinstance(synced, SyncResponse), "bob synced", type(synced))
        timeline = synced.rooms.join[room_id].timeline.events
        check(bodies(timeline)[-3:] == ["nio 1", "nio 2", "nio 3"], "message delivered", bodies(timeline))

        page = await bob.room_messages(room_id, start=bob.next_batch, limit=2)
        check(isinstance(page, RoomMessagesResponse), "room_messages from next_batch", page)
        check(bodies(page.chunk) == ["nio 3", "nio 2"], "newest first from next_batch", bodies(page.chunk))
        older = await bob.room_messages(room_id, start=page.end, limit=1)
        check(isinstance(older, RoomMessagesResponse) and bodies(older.chunk) == ["nio 1"], "older page from end",
              older if not isinstance(older, RoomMessagesResponse) else bodies(older.chunk))

        # A message sent now reaches bob's waiting sync.
        since = bob.next_batch
        waiting = asyncio.ensure_future(bob.sync(timeout=10000, since=since))
        await asyncio.sleep(0.2)
        await alice.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": "nio live"})
        deadline = time.time() + 20
        seen = []
        while time.time() < deadline and "nio live" not in seen:
            response = await waiting
            check(isinstance(response, SyncResponse), "incremental sync answered")
            room = response.rooms.join.get(room_id)
            seen += bodies(room.timeline.events) if room else []
            waiting = asyncio.ensure_future(bob.sync(timeout=1000, since=bob.next_batch))
        waiting.cancel()
        check("nio live" in seen, "live message seen", seen)

        data = b"uploaded with matrix-nio " + suffix.encode()
        uploaded, _ = await alice.upload(lambda *_: data, content_type="text/plain", filename="nio.txt",
                                         filesize=len(data))
        check(isinstance(uploaded, UploadResponse), "uploaded", uploaded)
        downloaded = await bob.download(uploaded.content_uri)
        check(isinstance(downloaded, DownloadResponse) and downloaded.body == data, "downloaded the same bytes",
              downloaded)
        print("OK", flush=True)
    finally:
        await alice.close()
        await bob.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
