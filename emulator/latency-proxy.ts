// A TCP relay that adds network latency in front of the emulator: every chunk waits half a round trip in each
// direction, and a new connection's first chunk waits one more round trip, as TCP's handshake would. TLS set-up,
// keep-alive and connection reuse therefore cost what they cost on a real network.
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export class LatencyProxy {
  connections = 0
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor(
    private readonly targetPort: number,
    private readonly roundTripMs: number,
  ) {
    this.server = createServer((client) => this.relay(client))
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private relay(client: Socket): void {
    this.connections++
    const upstream = connect(this.targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    const half = this.roundTripMs / 2
    this.pipe(client, upstream, half, this.roundTripMs)
    this.pipe(upstream, client, half, 0)
  }

  /** Forwards chunks in order, each no sooner than `delay` after it arrived (the first one `extra` later still). */
  private pipe(from: Socket, to: Socket, delay: number, extra: number): void {
    let last = 0
    let first = true
    const later = (action: () => void) => {
      const due = Math.max(performance.now() + delay + (first ? extra : 0), last)
      first = false
      last = due
      setTimeout(action, due - performance.now())
    }
    from.on('data', (chunk) => later(() => to.write(chunk)))
    from.on('end', () => later(() => to.end()))
    from.on('close', () => later(() => to.destroy()))
  }
}
