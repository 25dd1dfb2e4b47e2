// Bundled in place of undici (see "paths" in tsconfig.json). @actions/http-client imports undici only for
// getAgentDispatcher(), a proxy dispatcher for fetch() that this action never calls; loading the real undici
// cost about 75 ms of every run's start-up. Requests go through node:http(s) and the toolkit's tunnel proxy.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
