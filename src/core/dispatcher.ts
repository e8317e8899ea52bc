import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/**
 * Honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY. A plain agent when none is set: undici 6 warns
 * that EnvHttpProxyAgent is experimental, and that warning would land in every log.
 */
export function defaultDispatcher(): Dispatcher {
  return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent() : new Agent()
}
