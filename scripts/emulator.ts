// `npm run emulator`: the SWR emulator on its own, until stopped, for trying the action from a shell or a workflow.
// Options: --port (default 8080, or PORT; 0 for any free port), --region (else the region variables the action reads,
// else cn-north-4), --registry (the registry host its paths and logins name, e.g. 127.0.0.1:8080, its own address,
// so that a client such as skopeo pushes to it over plain HTTP), --quiet (no line per request). It prints the
// commands that run the action against it, each of which works as printed from the project's root.
import { parseArgs } from 'node:util'
import { DEMO_ACCOUNT, SwrEmulator } from '../emulator/swr-emulator.js'
import { REGION_VARIABLES } from '../src/rules/inputs.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    region: { type: 'string' },
    registry: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${JSON.stringify(values.port)} is not a port number: give 0 to 65535 (0: any free port).`)
  process.exit(2)
}
const region = values.region ?? REGION_VARIABLES.map((name) => process.env[name]).find(Boolean) ?? 'cn-north-4'
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(region)) {
  console.error(`--region ${JSON.stringify(region)} is not a region name: e.g. cn-north-4 or eu-west-101.`)
  process.exit(2)
}

if (values.registry !== undefined && !/^[a-z0-9.-]+(?::\d{1,5})?$/.test(values.registry)) {
  console.error(`--registry ${JSON.stringify(values.registry)} is not a registry host: e.g. 127.0.0.1:8080.`)
  process.exit(2)
}

const emulator = new SwrEmulator({
  region,
  registry: values.registry,
  requestIds: true,
  onAnswer: values.quiet
    ? undefined
    : (request) =>
        console.log(
          `${request.method} ${request.target} -> ${request.status}${request.code ? ` ${request.code}` : ''}`,
        ),
})
let url: string
try {
  url = await emulator.start(port)
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error
  const why = code === 'EADDRINUSE' ? 'is in use' : 'may not be used by this user'
  console.error(
    `Port ${port} ${why}: choose another with \`npm run emulator -- --port 9000\` (or 0 for any free port).`,
  )
  process.exit(2)
}
const [key] = DEMO_ACCOUNT.accessKeys
const [user] = DEMO_ACCOUNT.users ?? []
console.log(`SWR emulator for region ${region} listening on ${url}. In another shell, from the project's root:`)
const registryInput = values.registry ? ` INPUT_REGISTRY=${values.registry}` : ''
console.log(
  `export INPUT_NAMESPACE=demo-team INPUT_REPOSITORY=web INPUT_REGION=${region} INPUT_ENDPOINT=${url}${registryInput}`,
)
console.log('# then sign in one of these ways: access keys, an IAM token, an IAM password')
console.log(`HUAWEI_CLOUD_ACCESS_KEY_ID=${key.id} HUAWEI_CLOUD_SECRET_ACCESS_KEY=${key.secret} npx node dist/index.js`)
console.log(`INPUT_AUTH_TOKEN=${DEMO_ACCOUNT.tokens[0]} npx node dist/index.js`)
console.log(
  `INPUT_IAM_ENDPOINT=${url} INPUT_IAM_DOMAIN=${DEMO_ACCOUNT.name} INPUT_IAM_USER=${user.name} ` +
    `INPUT_IAM_PASSWORD=${user.password} npx node dist/index.js`,
)
if (!values.quiet) console.log('# each request the emulator answers:')
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
