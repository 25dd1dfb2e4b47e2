// Where SWR's repository operations live: the repository's path, shared by every client of its operations.

/** In URL paths SWR writes a repository's "/" as "$" (sent as a literal "$"). */
export function repositoryPath(namespace: string, repository: string): string {
  return `/v2/manage/namespaces/${namespace}/repos/${repository.replaceAll('/', '$')}`
}
