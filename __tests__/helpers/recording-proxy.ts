import { createServer, request, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One request that went through, with its answer. */
export interface Exchange {
  method: string
  path: string
  query: string
  /** The request's JSON body; undefined when it had none. */
  body: unknown
  status: number
  /** The answer's JSON body; undefined when it had none (a 204, a 304). */
  answer: unknown
}

/**
 * A loopback reverse proxy in front of `target` that records every request and its answer, so a
 * test can check both against a description of the API (the simulator runs in another process).
 */
export async function startRecordingProxy(
  target: string
): Promise<{ url: string; exchanges: Exchange[]; close(): Promise<void> }> {
  const exchanges: Exchange[] = []
  const sockets = new Set<Socket>()
  const read = async (stream: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  const json = (bytes: Buffer): unknown =>
    bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined
  const server = createServer((req, res) => {
    void (async () => {
      const sent = await read(req)
      const upstream = request(new URL(req.url ?? '/', target), {
        method: req.method,
        headers: req.headers
      })
      upstream.on('response', async (answer) => {
        const received = await read(answer)
        const [path = '', query = ''] = (req.url ?? '').split('?')
        exchanges.push({
          method: req.method ?? '',
          path,
          query,
          body: json(sent),
          status: answer.statusCode ?? 0,
          answer: json(received)
        })
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        res.end(received)
      })
      upstream.on('error', () => req.socket.destroy())
      upstream.end(sent)
    })()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
