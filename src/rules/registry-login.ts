// The forms a registry login takes wherever it passes: from an answer, into the Docker CLI, through the post
// step's state. Strict, because each of these values is logged, put on a command line or read back from state.

/**
 * What a registry user name may be: SWR's are REGION@ID. Strict, because the name is logged, passed to the Docker
 * CLI and written to outputs: no "#", "[", ":", space or control character (no workflow command), no leading "-"
 * (no command-line option).
 */
export const REGISTRY_USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,255}$/
/** What a registry password may be: SWR's are hex; base64 and token alphabets fit too. */
export const REGISTRY_PASSWORD = /^[A-Za-z0-9._~+/=-]{1,4096}$/

/** A credentials store's name becomes part of a command name: letters, digits, "-", "_" and "." only. */
export const isStoreName = (store: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(store)
