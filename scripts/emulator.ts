// `npm run emulator`: the SWR emulator on its own, until stopped, for trying the action from a shell or a workflow.
// PORT picks the port (default 8080); the demo account's access key and token are printed.
import { DEMO_ACCOUNT, SwrEmulator } from '../emulator/swr-emulator.js'

const emulator = new SwrEmulator()
const url = await emulator.start(Number(process.env.PORT ?? 8080))
const [key] = DEMO_ACCOUNT.accessKeys
console.log(`SWR emulator listening on ${url}`)
const [user] = DEMO_ACCOUNT.users ?? []
console.log(`access key id: ${key.id}  secret access key: ${key.secret}  token: ${DEMO_ACCOUNT.tokens[0]}`)
console.log(`IAM sign-in: iam_domain ${DEMO_ACCOUNT.name}  iam_user ${user.name}  iam_password ${user.password}`)
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
