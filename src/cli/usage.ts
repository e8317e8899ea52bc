export const USAGE = `mintlify-agent: send the Mintlify agent a follow-up, start a job, or read one.

Usage:
  mintlify-agent follow-up --project <id> (--job <id> | --pr <url>) [options] "<prompt>"
  mintlify-agent create --project <id> [options] "<prompt>"
  mintlify-agent status --project <id> (--job <id> | --pr <url>) [--json]
  mintlify-agent simulator [options]   a local stand-in for the Mintlify API (simulator --help)
  mintlify-agent prompt [--base <b>]   mode sync's prompt for this checkout's branch, from git
                                       alone (prompt --help)

Options:
  --project <id>            the Mintlify project, from the API keys page of the dashboard
  --job <id>                the agent job to send to or read
  --pr <url>                the pull request whose job to send to or read (see below)
  --base-url <url>          the Mintlify API (default https://api.mintlify.com)
  --timeout <duration>      longest wait for a final status, as 90s, 15m, 1h (default 30m)
  --poll-interval <d>       time between two status reads (default 5s, or the timeout
                            when that is shorter)
  --request-timeout <d>     longest one request may take (default 30s)
  --no-wait                 send, print what Mintlify answered, and exit
  --json                    print the result as one JSON document on stdout
  --verbose                 print request details
  -v, --version             print the version
  -h, --help                show this help; 'mintlify-agent <command> --help' or
                            'mintlify-agent help <command>' shows one command's

Environment:
  MINTLIFY_API_KEY          the Mintlify admin key (mint_…); required, never printed
  MINTLIFY_BASE_URL         the Mintlify API, when --base-url is not given
  GH_TOKEN, GITHUB_TOKEN    lets --pr read the pull request's head branch from GitHub
  GITHUB_API_URL            GitHub's API, for --pr on GitHub Enterprise Server
                            (https://ghe.example.com/api/v3)
  HTTPS_PROXY, NO_PROXY     proxies for the calls to Mintlify

--pr finds the job behind a pull request the agent opened in Mintlify's job list, by the pull
request's link or its head branch, and confirms it with Mintlify before using it: a job found by
the branch must work in the repository the branch lives in. The head branch is read from GitHub
only with a token; without one, only the link can match.

Exit codes:
  0    done: the job completed (with --no-wait, Mintlify took the request; status: the job
       has not failed and is not archived)
  1    the job failed, was archived or did not finish in time, or a request failed
  2    the command line is wrong
  130  stopped with Ctrl-C; the job goes on (the last line says how to check on it)
  143  stopped by SIGTERM; the job goes on`
