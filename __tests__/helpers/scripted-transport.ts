// A transport that answers from a script, for unit tests of a client's reading of answers: every request it is sent
// is kept, with the headers its authentication gave it.
import type { ApiClient, ApiRequest, ApiResponse } from '../../src/clients/api-client.js'

export interface ScriptedAnswer {
  status: number
  body?: string
  headers?: Record<string, string>
}

export interface SentRequest {
  operation: string
  method: string
  url: string
  body?: unknown
  headers: Record<string, string>
}

export function scriptedTransport(...answers: ScriptedAnswer[]): Pick<ApiClient, 'send'> & { sent: SentRequest[] } {
  const sent: SentRequest[] = []
  return {
    sent,
    async send(request: ApiRequest): Promise<ApiResponse> {
      // As the real client makes them: the operation's own headers signed with the rest.
      const plain = { 'Content-Type': 'application/json', Host: request.url.host, ...request.headers }
      const headers = request.authenticate
        ? request.authenticate({ method: request.method, url: request.url, headers: plain, body: '' })
        : plain
      sent.push({
        operation: request.operation,
        method: request.method,
        url: request.url.href,
        body: request.body,
        headers,
      })
      const answer = answers.shift() ?? { status: 500 }
      return {
        operation: request.operation,
        url: request.url.href,
        status: answer.status,
        body: answer.body ?? '',
        headers: answer.headers ?? {},
      }
    },
  }
}
