// How an SWR operation reads an answer: a success, an expected status turned into an outcome, or a RequestError
// carrying the operation's hint.
import { type ApiResponse, isSuccess } from '../api-client.js'
import { type RequestError, requestError } from '../request-error.js'
import { hintFor, UNKNOWN_API_CODE } from './swr-errors.js'
import type { SwrOperation } from './permissions.js'

/** The error for an answer the operation does not expect, with the hint for that operation. */
export const refusalOf = (operation: SwrOperation, response: ApiResponse): RequestError =>
  requestError(response, (status, detail) => hintFor(status, detail, operation))

/** A success becomes `success()`, an expected status its outcome; any other answer is thrown. */
export function outcome<T>(
  operation: SwrOperation,
  response: ApiResponse,
  success: () => T,
  expected: Record<number, () => T> = {},
): T {
  if (isSuccess(response)) return success()
  const refusal = refusalOf(operation, response)
  const other = expected[response.status]
  // The gateway's "no such API" is never the outcome a status stands for (a 404 as "missing"): it is a wrong address
  // (docs/api-notes.md, "Error bodies").
  if (other && refusal.detail.code !== UNKNOWN_API_CODE) return other()
  throw refusal
}

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function parsedBody(response: ApiResponse): unknown {
  try {
    return JSON.parse(response.body)
  } catch {
    return undefined
  }
}
