/**
 * Whether a login written in the workflow (`allowed-bots`, `trusted-marker-authors`, the token's
 * own account) names the account `login`, as GitHub treats names: without regard to case, and an
 * entry without the `[bot]` suffix also names that app's bot account (`Renovate` names
 * `renovate[bot]`). An entry with the suffix names only the bot, never a person who registered the
 * bare name.
 */
export function loginMatches(entry: string, login: string): boolean {
  const wanted = entry.trim().toLowerCase()
  const actual = login.trim().toLowerCase()
  if (!wanted || !actual) return false
  return actual === wanted || (!wanted.endsWith('[bot]') && actual === `${wanted}[bot]`)
}

/** Whether any entry of a list names `login` (see loginMatches). */
export function isListed(entries: readonly string[], login: string): boolean {
  return entries.some((entry) => loginMatches(entry, login))
}
