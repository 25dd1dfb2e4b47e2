// Bundled in place of @actions/exec (see "paths" in tsconfig.json). @actions/core imports it only for
// core.platform.getDetails(), which this action never calls; evaluating it (and child_process) cost every run's
// start-up. The action runs its own tools through clients/tool-process.ts.
export function getExecOutput(): never {
  throw new Error('@actions/exec is not bundled with this action: core.platform.getDetails() is not supported')
}
