// What of a result may be shown in the log, the outputs and the summary: every value that came from a server made
// safe (secrets removed, control characters escaped, length bounded). Decisions were made on the values as read;
// everything shown is made from this, so the log, outputs and summary agree.
import type { EnsureResult } from './ensure.js'
import { cleanInfo } from '../clients/swr/repository-info.js'
import { cleanServerText } from '../rules/server-text.js'
import type { SettingChange } from './settings.js'

const cleanChange = ({ field, from, to }: SettingChange): SettingChange => ({
  field,
  from: typeof from === 'string' ? cleanServerText(from) : from,
  to: typeof to === 'string' ? cleanServerText(to) : to,
})

export function shownResult(result: EnsureResult): EnsureResult {
  return {
    ...result,
    results: result.results.map((entry) =>
      'error' in entry
        ? entry
        : {
            ...entry,
            info: cleanInfo(entry.info),
            settingsChanged: entry.settingsChanged.map(cleanChange),
            settingsDiffer: entry.settingsDiffer.map(cleanChange),
            // Rules and shares not listed come from SWR's lists.
            ...(entry.sync
              ? { sync: entry.sync.map((sync) => ({ ...sync, target: cleanServerText(sync.target) })) }
              : {}),
            ...(entry.shares
              ? { shares: entry.shares.map((share) => ({ ...share, account: cleanServerText(share.account) })) }
              : {}),
          },
    ),
  }
}
