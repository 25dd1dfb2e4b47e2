// The SWR permission each operation needs: one table for the 403 hint and for the README's Permissions section
// (a test keeps the two equal). Each action name comes from SWR's documentation (docs/api-notes.md, "Permissions").

export type SwrOperation =
  | 'showRepository'
  | 'createRepository'
  | 'createNamespace'
  | 'showNamespace'
  | 'updateRepository'
  | 'listRepositories'
  | 'deleteRepository'
  | 'listRetentions'
  | 'createRetention'
  | 'updateRetention'
  | 'deleteRetention'
  | 'createLoginSecret'
  | 'listSyncRules'
  | 'createSyncRule'
  | 'deleteSyncRule'
  | 'listTags'
  | 'createTag'
  | 'syncImages'
  | 'listShares'
  | 'createShare'
  | 'updateShare'
  | 'showInstance'
  | 'showInstanceEndpointPolicy'
  | 'listInstances'
  | 'showInstanceNamespace'
  | 'createInstanceNamespace'
  | 'showInstanceRepository'
  | 'createInstanceTempCredential'

export interface Permission {
  /** The IAM action (or, where SWR documents none for the shared edition, what to grant). */
  action: string
  neededFor: string
  operations: SwrOperation[]
}

export const PERMISSIONS: Permission[] = [
  { action: 'swr:repo:getRepo', neededFor: 'every run (reading the repository)', operations: ['showRepository'] },
  { action: 'swr:repo:createRepo', neededFor: 'runs that create a repository', operations: ['createRepository'] },
  {
    action: 'swr:namespace:createNamespace',
    neededFor: 'runs that create an organization',
    operations: ['createNamespace'],
  },
  {
    action: 'swr:namespace:getNamespace',
    neededFor:
      "runs where creating the organization answers 409 (to tell yours from another account's), and dry runs that must read it",
    operations: ['showNamespace'],
  },
  {
    action: 'swr:repo:updateRepo',
    neededFor: 'update_existing: true when settings differ',
    operations: ['updateRepository'],
  },
  {
    action: 'swr:repo:listRepos',
    neededFor: 'steps that name 5 or more repositories of one organization, and prune_undeclared',
    operations: ['listRepositories'],
  },
  {
    action: 'swr:repo:deleteRepo',
    neededFor: 'prune_undeclared: true, when a repository is to go',
    operations: ['deleteRepository'],
  },
  {
    action: "SWR's retention policy actions (list, create, update, delete)",
    neededFor: 'the retention_* inputs',
    operations: ['listRetentions', 'createRetention', 'updateRetention', 'deleteRetention'],
  },
  {
    action: "SWR's image sync actions (list, create and delete automatic sync rules, sync images manually)",
    neededFor:
      'the sync_to input (a rule is deleted only to undo one this run made whose first copy failed, or to make one anew with update_existing)',
    operations: ['listSyncRules', 'createSyncRule', 'deleteSyncRule', 'syncImages'],
  },
  {
    action: "SWR's image tag list action",
    neededFor:
      'sync_to, when a rule made by the run copies the images already pushed; the tags and promote inputs, for an existing repository',
    operations: ['listTags'],
  },
  {
    action: "SWR's image tag create action",
    neededFor: 'the promote input (a tag made from another, server-side)',
    operations: ['createTag'],
  },
  {
    action: "SWR's repository sharing actions (list, create and update shares)",
    neededFor: 'the share_with input',
    operations: ['listShares', 'createShare', 'updateShare'],
  },
  {
    action: "SWR Enterprise Edition's instance read and list actions",
    neededFor:
      'the instance input (finding the instance, its status and address; on GitHub-hosted runners, its public access)',
    operations: ['showInstance', 'listInstances', 'showInstanceEndpointPolicy'],
  },
  {
    action: "SWR Enterprise Edition's namespace read and create actions",
    neededFor: 'the instance input, when a repository has not been pushed yet',
    operations: ['showInstanceNamespace', 'createInstanceNamespace'],
  },
  {
    action: "SWR Enterprise Edition's repository read action",
    neededFor: 'the instance input (reading each repository)',
    operations: ['showInstanceRepository'],
  },
  {
    action: 'swr:instance:createTempCredential',
    neededFor: 'login: true with the instance input',
    operations: ['createInstanceTempCredential'],
  },
  {
    action: 'swr::createLoginSecret (identity policies)',
    neededFor: 'login: true (a write-level action)',
    operations: ['createLoginSecret'],
  },
]

export function permissionFor(operation: SwrOperation): Permission {
  const permission = PERMISSIONS.find((candidate) => candidate.operations.includes(operation))
  if (!permission) throw new Error(`No permission is listed for ${operation}`)
  return permission
}

/** The 403 hint for an operation: the one permission it needs. */
export function forbiddenHint(operation: SwrOperation): string {
  const { action, neededFor } = permissionFor(operation)
  return (
    `The IAM user lacks the permission ${action}, needed for ${neededFor} (see "Permissions" in the README; ` +
    'a system policy such as SWR FullAccess holds it), or the organization belongs to another account.'
  )
}
