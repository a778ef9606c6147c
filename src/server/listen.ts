// The HTTP(S) listener in front of the app. Phones get a service worker only in a secure context, so the server
// serves HTTPS itself when given a certificate (TLS_CERT / TLS_KEY), or plain HTTP behind a TLS reverse proxy.
// Slow or stalled clients cannot pile up: headers must arrive within HEADERS_TIMEOUT_MS, a socket idle for
// IDLE_TIMEOUT_MS is closed, a whole request may take at most REQUEST_TIMEOUT_MS (a 5 MB photo over a slow
// phone link fits), and one address may hold at most `maxConnectionsPerAddress` sockets at once.
import { createAdaptorServer } from '@hono/node-server'
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer, type ServerOptions as HttpOptions } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

export const HEADERS_TIMEOUT_MS = 15_000
export const IDLE_TIMEOUT_MS = 20_000
export const REQUEST_TIMEOUT_MS = 120_000
export const KEEP_ALIVE_TIMEOUT_MS = 5_000
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64

export interface ListenOptions {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>
  port: number
  host: string
  /** PEM file paths: serve HTTPS when both are given */
  tls?: { certFile: string; keyFile: string }
  maxConnectionsPerAddress?: number
}

export type BranchServer = HttpServer | HttpsServer

/** Start listening; resolves once the port is bound. */
export async function listen(options: ListenOptions): Promise<{ server: BranchServer; address: AddressInfo; protocol: 'http' | 'https' }> {
  const timeouts: HttpOptions = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // how often Node looks for requests past headersTimeout / requestTimeout (default 30 s)
    connectionsCheckingInterval: 2_000,
  }
  const server = options.tls
    ? createAdaptorServer({
      fetch: options.fetch,
      createServer: createHttpsServer,
      serverOptions: { ...timeouts, cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) },
    }) as HttpsServer
    : createAdaptorServer({ fetch: options.fetch, createServer: createHttpServer, serverOptions: timeouts }) as HttpServer
  guardSockets(server, options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return { server, address: server.address() as AddressInfo, protocol: options.tls ? 'https' : 'http' }
}

interface TrackedSocket {
  openedAt: number
  lastActivityAt: number
  bytes: number
  sawRequest: boolean
}

/**
 * Guard every socket ourselves (Node's own headersTimeout and socket timeouts do not fire for a socket whose
 * request line never completes): a socket from an address that already holds `max` sockets is closed at once;
 * one that has not completed a request's headers within HEADERS_TIMEOUT_MS, or has neither sent nor received a
 * byte for IDLE_TIMEOUT_MS, is closed by a sweep every second.
 */
function guardSockets(server: BranchServer, max: number): void {
  const perAddress = new Map<string, number>()
  const tracked = new Map<Socket, TrackedSocket>()
  // 'connection' fires for the raw TCP socket, before TLS, so stalled handshakes are guarded too.
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown'
    const count = perAddress.get(address) ?? 0
    if (count >= max) {
      socket.destroy()
      return
    }
    perAddress.set(address, count + 1)
    const now = Date.now()
    tracked.set(socket, { openedAt: now, lastActivityAt: now, bytes: 0, sawRequest: false })
    socket.once('close', () => {
      tracked.delete(socket)
      const left = (perAddress.get(address) ?? 1) - 1
      if (left <= 0) perAddress.delete(address)
      else perAddress.set(address, left)
    })
  })
  server.on('request', (req: { socket: Socket }) => {
    const raw = rawSocketOf(req.socket)
    const entry = tracked.get(raw)
    if (entry) entry.sawRequest = true
  })
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [socket, entry] of tracked) {
      const bytes = socket.bytesRead + socket.bytesWritten
      if (bytes !== entry.bytes) {
        entry.bytes = bytes
        entry.lastActivityAt = now
      }
      const headersLate = !entry.sawRequest && now - entry.openedAt > HEADERS_TIMEOUT_MS
      if (headersLate || now - entry.lastActivityAt > IDLE_TIMEOUT_MS) socket.destroy()
    }
  }, 1_000)
  sweep.unref()
  server.once('close', () => clearInterval(sweep))
}

/** For HTTPS, the request's socket is the TLS socket wrapping the raw one the 'connection' event saw. */
function rawSocketOf(socket: Socket): Socket {
  return (socket as Socket & { _parent?: Socket })._parent ?? socket
}
