// The official-SDK contender: the steps of SWR's API guide (list organizations, create the organization, create the
// repository, read its brief info) with Huawei's Node SDK, as a script a team would write instead of the action;
// with SWR_LOGIN (the region), it also creates a temporary login and writes it into Docker's config.
import { mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core'
import * as swr from '@huaweicloud/huaweicloud-sdk-swr'

const env = process.env
const namespace = env.SWR_NAMESPACE
const repositories = env.SWR_REPOSITORIES.split(',')
const credentials = new BasicCredentials()
  .withAk(env.HUAWEICLOUD_SDK_AK)
  .withSk(env.HUAWEICLOUD_SDK_SK)
  .withProjectId(env.HUAWEICLOUD_SDK_PROJECT_ID)
const client = swr.SwrClient.newBuilder().withCredential(credentials).withEndpoint(env.SWR_ENDPOINT).build()

/** 409 means another job (or an earlier run) created it: that is fine. */
async function tolerateConflict(request) {
  try {
    await request
  } catch (error) {
    if (error?.httpStatusCode !== 409) throw error
  }
}

const listed = await client.listNamespaces(new swr.ListNamespacesRequest().withFilter(`namespace::${namespace}`))
if (!listed.namespaces?.some((entry) => entry.name === namespace)) {
  const body = new swr.CreateNamespaceRequestBody().withNamespace(namespace)
  await tolerateConflict(client.createNamespace(new swr.CreateNamespaceRequest().withBody(body)))
}
await Promise.all(
  repositories.map(async (repository) => {
    const body = new swr.CreateRepoRequestBody().withRepository(repository).withIsPublic(false).withCategory('other')
    await tolerateConflict(client.createRepo(new swr.CreateRepoRequest().withNamespace(namespace).withBody(body)))
    const show = new swr.ShowRepositoryRequest()
      .withNamespace(namespace)
      .withRepository(repository.replaceAll('/', '$'))
    const info = await client.showRepository(show)
    console.log(`${namespace}/${repository}: ${info.path}`)
  }),
)

if (env.SWR_LOGIN) {
  const secret = await client.createSecret(new swr.CreateSecretRequest().withProjectname(env.SWR_LOGIN))
  const folder = join(homedir(), '.docker')
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ auths: secret.auths }), { mode: 0o600 })
}
