// A bare HTTP server that answers however a test says: for servers, gateways and proxies that misbehave.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface ReceivedRequest {
  method: string
  target: string
  headers: IncomingMessage['headers']
  body: string
}

export interface RawServer {
  url: string
  requests: ReceivedRequest[]
  stop(): Promise<void>
}

export type Handler = (request: ReceivedRequest, response: ServerResponse, all: ReceivedRequest[]) => void

export async function rawServer(handler: Handler): Promise<RawServer> {
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? 'GET',
        target: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      handler(request, response, requests)
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Writes `chunk` every `everyMs` until the client goes away. */
export function keepWriting(response: ServerResponse, chunk: string | Buffer, everyMs: number): void {
  const timer = setInterval(() => response.write(chunk), everyMs)
  response.on('close', () => clearInterval(timer))
}

/** Writes as fast as the client reads, until it goes away. */
export function flood(response: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!response.destroyed && response.write(chunk)) {
      // keep writing until the socket's buffer is full
    }
    if (!response.destroyed) response.once('drain', pump)
  }
  pump()
}
