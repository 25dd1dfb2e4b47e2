// What the action reads about the workflow run, from @actions/github's context. It is loaded only when a default
// needs it: the module brings Octokit along, about 30 ms of start-up that a run with its inputs given does not need.

import type { GithubRepository } from '../flow/runner-port.js'

/** The GitHub repository the workflow runs for, when the context knows it. */
export async function githubRepository(): Promise<GithubRepository | undefined> {
  // One bundle (and one license file) still: the module is evaluated only when imported.
  const { context } = await import('@actions/github')
  try {
    const { owner, repo } = context.repo
    return owner && repo ? { owner, name: repo } : undefined
  } catch {
    // Outside a workflow there is neither GITHUB_REPOSITORY nor an event payload.
    return undefined
  }
}
