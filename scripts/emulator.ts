// `npm run emulator`: the SWR emulator on its own, until stopped, for trying the action from a shell or a workflow.
// `npm run emulator -- --port 9000` picks the port (default 8080, or PORT); the demo credentials are printed.
import { parseArgs } from 'node:util'
import { DEMO_ACCOUNT, SwrEmulator } from '../emulator/swr-emulator.js'

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8080' } } })
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${JSON.stringify(values.port)} is not a port number: give 0 to 65535 (0: any free port).`)
  process.exit(2)
}

const emulator = new SwrEmulator()
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
console.log(`SWR emulator listening on ${url}`)
console.log(`Access keys: HUAWEI_CLOUD_ACCESS_KEY_ID=${key.id} HUAWEI_CLOUD_SECRET_ACCESS_KEY=${key.secret}`)
console.log(`IAM token:   INPUT_AUTH_TOKEN=${DEMO_ACCOUNT.tokens[0]}`)
console.log(
  `Password:    INPUT_IAM_DOMAIN=${DEMO_ACCOUNT.name} INPUT_IAM_USER=${user.name} INPUT_IAM_PASSWORD=${user.password}`,
)
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
