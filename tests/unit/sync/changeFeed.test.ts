// The phone's side of the change feed (src/client/sync/changeFeed.ts) against a real server on 127.0.0.1: a push by
// another phone starts this phone's sync at once; a version it already has does not; hidden, it holds no stream.
import { describe, expect, it } from 'vitest'
import { useDatabase } from '@client/db'
import { readSyncPosition } from '@client/db/sync'
import { pullAll } from '@client/sync/engine'
import { readVersionEvents, startChangeFeed } from '@client/sync/changeFeed'
import { Device, activityFields, newId } from '../../server/helpers/device'
import { setupBranch } from '../../server/helpers/harness'
import { waitFor } from '../../server/helpers/events'
import { signInAs, useRealServer } from './realServer'

const server = useRealServer()
let phones = 0

function bodyOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({ start(c) { for (const chunk of chunks) c.enqueue(encoder.encode(chunk)); c.close() } })
}

describe('reading the event stream', () => {
  it('takes version events split across chunks or with CRLF, and skips pings, other events and bad data', async () => {
    const seen: number[] = []
    await readVersionEvents(bodyOf([
      'event: version\ndata: {"vers', 'ion":3}\n\n: ping\n\n',
      'event: other\ndata: {"version":99}\n\n',
      'event: version\r\ndata: {"version":5}\r\n\r\n',
      'event: version\ndata: not json\n\nevent: version\ndata: {"version":-1}\n\n',
      'event: version\ndata: {"version":8}\n\n',
    ]), (v) => seen.push(v))
    expect(seen).toEqual([3, 5, 8])
  })
})

describe('a phone with the app open', () => {
  it("syncs as soon as another phone pushes, not for a version it already has, and holds no stream while hidden", async () => {
    const branch = await setupBranch(server.ts)
    const token = branch.secretary.token as string
    useDatabase(`feed-${process.pid}-${++phones}`)
    await signInAs(server.ts, token)
    await pullAll(server.client, token)

    let newer = 0
    let visible = true
    const states: boolean[] = []
    const feed = startChangeFeed({
      client: server.client,
      token: async () => token,
      cursor: async () => (await readSyncPosition()).cursor,
      onNewer: () => { newer++ },
      isOnline: () => true,
      isVisible: () => visible,
      onConnected: (c) => states.push(c),
    })
    try {
      await waitFor(() => feed.connected, 'the stream to open')
      // the version sent when the stream opens is the one this phone has pulled: nothing to do
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(newer).toBe(0)

      const other = new Device(branch.secretary)
      other.put('activity', newId(), activityFields({ topic: '别的手机刚记的' }))
      expect((await other.push()).status).toBe(200)
      await waitFor(() => newer > 0, 'the sync to be asked for')
      expect(newer).toBe(1)

      visible = false
      feed.wake()
      await waitFor(() => !feed.connected, 'the stream to close while hidden')
      visible = true
      feed.wake()
      await waitFor(() => feed.connected, 'the stream to open again')
      expect(states).toEqual([true, false, true])
      // opened again while still behind (nothing pulled yet): it asks again
      await waitFor(() => newer > 1, 'the sync to be asked for again')
    } finally {
      feed.stop()
    }
  })
})
