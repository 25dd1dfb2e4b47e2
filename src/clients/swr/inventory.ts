// An organization's inventory: ListRepositories v3 (`GET /v3/manage/repos?namespace=&limit=&marker=`), a page of up
// to 1000 repositories with the fields their brief info shares, and the marker of the next page
// (docs/api-notes.md, "Inventory"). Each page is checked as a brief info is: an entry of another organization, a
// field of the wrong type or a marker that does not move on is refused.
import type { ApiResponse } from '../api-client.js'
import { unexpectedBody } from '../request-error.js'
import { isRecord, parsedBody } from './answers.js'
import { isInfoProblem, readRepositoryInfo, type RepositoryInfo } from './repository-info.js'

/** Repositories a page: SWR's largest. */
export const INVENTORY_PAGE = 1000
/** Pages read at most: an organization of more than 10,000 repositories is read one repository at a time. */
export const INVENTORY_PAGES = 10

export interface InventoryPage {
  repositories: RepositoryInfo[]
  /** The marker of the next page; undefined on the last. */
  next?: number
}

export function readInventoryPage(response: ApiResponse, namespace: string, after?: number): InventoryPage {
  const body = parsedBody(response)
  const what = `the repositories of ${namespace}`
  if (!isRecord(body) || !Array.isArray(body.repos)) throw unexpectedBody(response, what, 'no repos list')
  const repositories = body.repos.map((entry) => {
    if (!isRecord(entry)) throw unexpectedBody(response, what, 'an entry is not an object')
    if (entry.namespace_name !== undefined && entry.namespace_name !== namespace) {
      throw unexpectedBody(response, what, 'an entry belongs to another organization')
    }
    // The list names its times created_at and updated_at; the brief info, created and updated.
    const info = readRepositoryInfo({ ...entry, created: entry.created_at, updated: entry.updated_at })
    if (isInfoProblem(info) || typeof info.name !== 'string') {
      throw unexpectedBody(response, what, isInfoProblem(info) ? info.problem : 'an entry has no name')
    }
    return info
  })
  const { nextMarker } = body
  if (nextMarker === undefined || nextMarker === null || nextMarker === -1) return { repositories }
  if (typeof nextMarker !== 'number' || !Number.isInteger(nextMarker) || (after !== undefined && nextMarker <= after)) {
    throw unexpectedBody(response, what, 'its nextMarker is not a marker after this page')
  }
  return { repositories, next: nextMarker }
}
