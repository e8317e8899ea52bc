/**
 * Accounts and repositories as GitHub's REST API shows them, with every field GitHub's OpenAPI
 * description requires, for the simulator's answers; and the IDs, shas and times in them.
 */
import { createHash } from 'node:crypto'

export const API = 'https://api.github.com'
export const WEB = 'https://github.com'

export function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/** A stable number from a name, for IDs GitHub would have assigned. */
export function idOf(text: string): number {
  return parseInt(sha(text).slice(0, 8), 16)
}

/** GitHub writes times to the second. */
export function githubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The API links of an account, after `https://api.github.com/users/{login}`. */
const USER_LINKS = {
  followers_url: '/followers',
  following_url: '/following{/other_user}',
  gists_url: '/gists{/gist_id}',
  starred_url: '/starred{/owner}{/repo}',
  subscriptions_url: '/subscriptions',
  organizations_url: '/orgs',
  repos_url: '/repos',
  events_url: '/events{/privacy}',
  received_events_url: '/received_events'
}

/** The API links of a repository, after `https://api.github.com/repos/{owner}/{repo}`. */
const REPOSITORY_LINKS = {
  forks_url: '/forks',
  keys_url: '/keys{/key_id}',
  collaborators_url: '/collaborators{/collaborator}',
  teams_url: '/teams',
  hooks_url: '/hooks',
  issue_events_url: '/issues/events{/number}',
  events_url: '/events',
  assignees_url: '/assignees{/user}',
  branches_url: '/branches{/branch}',
  tags_url: '/tags',
  blobs_url: '/git/blobs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  git_refs_url: '/git/refs{/sha}',
  trees_url: '/git/trees{/sha}',
  statuses_url: '/statuses/{sha}',
  languages_url: '/languages',
  stargazers_url: '/stargazers',
  contributors_url: '/contributors',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  commits_url: '/commits{/sha}',
  git_commits_url: '/git/commits{/sha}',
  comments_url: '/comments{/number}',
  issue_comment_url: '/issues/comments{/number}',
  contents_url: '/contents/{+path}',
  compare_url: '/compare/{base}...{head}',
  merges_url: '/merges',
  archive_url: '/{archive_format}{/ref}',
  downloads_url: '/downloads',
  issues_url: '/issues{/number}',
  pulls_url: '/pulls{/number}',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  labels_url: '/labels{/name}',
  releases_url: '/releases{/id}',
  deployments_url: '/deployments'
}

const linked = (base: string, links: Record<string, string>) =>
  Object.fromEntries(Object.entries(links).map(([name, path]) => [name, `${base}${path}`]))

/** An account; a `[bot]` login is a bot's. */
export function userOf(login: string, kind: 'User' | 'Organization' = 'User') {
  const bot = login.endsWith('[bot]')
  const name = login.replace(/\[bot\]$/, '')
  const url = `${API}/users/${encodeURIComponent(login)}`
  return {
    login,
    id: idOf(`user:${login}`),
    node_id: `${bot ? 'BOT' : 'U'}_${sha(login).slice(0, 12)}`,
    avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in' : 'u'}/${idOf(`user:${login}`)}?v=4`,
    gravatar_id: '',
    url,
    html_url: bot ? `${WEB}/apps/${name}` : `${WEB}/${login}`,
    ...linked(url, USER_LINKS),
    type: bot ? 'Bot' : kind,
    site_admin: false
  }
}

/** How the thread's UI labels an account: here, its role on the repository. */
export function associationOf(role: string | undefined): string {
  return role === 'admin' ? 'OWNER' : role ? 'MEMBER' : 'NONE'
}

export function repositoryOf(fullName: string) {
  const [owner = '', name = ''] = fullName.split('/')
  const url = `${API}/repos/${fullName}`
  return {
    id: idOf(`repo:${fullName}`),
    node_id: `R_${sha(fullName).slice(0, 12)}`,
    name,
    full_name: fullName,
    private: false,
    owner: userOf(owner, 'Organization'),
    html_url: `${WEB}/${fullName}`,
    description: null,
    fork: false,
    url,
    ...linked(url, REPOSITORY_LINKS),
    created_at: '2025-06-10T08:00:00Z',
    updated_at: '2026-02-03T14:05:00Z',
    pushed_at: '2026-02-03T14:01:30Z',
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${WEB}/${fullName}.git`,
    svn_url: `${WEB}/${fullName}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 1,
    license: null,
    forks: 0,
    open_issues: 1,
    watchers: 0,
    default_branch: 'main',
    visibility: 'public'
  }
}
