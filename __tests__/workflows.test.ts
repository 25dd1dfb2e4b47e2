// The workflows' supply-chain guards: no checkout leaves the job's token on disk unless the job pushes, and a
// release is cut only from a commit on main, by a job in a protected environment.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../runner/run-action.js'

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  steps: Step[]
  environment?: string
  permissions?: Record<string, string>
}

const folder = join(PROJECT_ROOT, '.github', 'workflows')
const workflows = readdirSync(folder).map((file) => ({
  file,
  jobs: (parse(readFileSync(join(folder, file), 'utf8')) as { jobs: Record<string, Job> }).jobs,
}))
const jobs = workflows.flatMap(({ file, jobs }) => Object.entries(jobs).map(([name, job]) => ({ file, name, job })))

it.each(jobs.map(({ file, name, job }) => [`${file} ${name}`, job] as const))(
  '%s: a checkout keeps the token only in a job that may write',
  (_name, job) => {
    const writes = job.permissions?.contents === 'write'
    for (const step of job.steps.filter((candidate) => candidate.uses?.startsWith('actions/checkout@'))) {
      if (!writes) expect(step.with?.['persist-credentials']).toBe(false)
    }
  },
)

it('a release is checked to be on main, and published only in the protected environment', () => {
  const release = workflows.find(({ file }) => file === 'release.yml')?.jobs
  expect(
    release?.check.steps.some((step) => step.run?.includes('git merge-base --is-ancestor "$GITHUB_SHA" origin/main')),
  ).toBe(true)
  expect(release?.release.environment).toBe('release')
})
