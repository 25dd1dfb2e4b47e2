// The connections API requests go over: one kept-alive agent per scheme, or, for a host that https_proxy (http_proxy
// for http) applies to, the toolkit's tunnelling agent. Whether a proxy applies is the toolkit's rule, no_proxy and
// loopback hosts included. The toolkit's client and its tunnel are loaded only when a proxy applies: loading them
// costs every run about 2 ms of start-up.
import type { Agent } from 'node:http'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import type { HttpClient } from '@actions/http-client'

export class ConnectionAgents {
  private readonly direct = new Map<string, Agent>()
  private readonly proxied = new Map<string, Promise<HttpClient>>()

  constructor(private readonly userAgent: string) {}

  /** The agent for a request to `url`: the same for every request to the same scheme and proxy. */
  async for(url: URL): Promise<Agent> {
    if (getProxyUrl(url)?.hostname) return (await this.toolkit(url.protocol)).getAgent(url.href)
    let agent = this.direct.get(url.protocol)
    if (!agent) {
      // As the toolkit's own agents without a proxy: kept alive, no limit on sockets.
      agent = url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
      this.direct.set(url.protocol, agent)
    }
    return agent
  }

  /** The toolkit's client, one per scheme, since each caches one agent. */
  private toolkit(scheme: string): Promise<HttpClient> {
    let client = this.proxied.get(scheme)
    if (!client) {
      client = import('@actions/http-client').then(
        ({ HttpClient }) => new HttpClient(this.userAgent, [], { keepAlive: true }),
      )
      this.proxied.set(scheme, client)
    }
    return client
  }

  dispose(): void {
    for (const agent of this.direct.values()) agent.destroy()
    for (const client of this.proxied.values()) void client.then((toolkit) => toolkit.dispose())
  }
}
