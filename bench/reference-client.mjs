// The minimal client the action is measured against: Node's built-in fetch, one POST whose answer
// is the job, then a GET every interval until the job is final (the same protocol as the action).
// Reads BASE_URL, API_KEY, PROJECT_ID, JOB_ID, PROMPT and INTERVAL_MS from the environment.
const { BASE_URL, API_KEY, PROJECT_ID, JOB_ID, PROMPT, INTERVAL_MS } = process.env
const url = `${BASE_URL}/v2/agent/${PROJECT_ID}/job/${JOB_ID}`
const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }

let job = await (
  await fetch(`${url}/message`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt: PROMPT })
  })
).json()
while (!['completed', 'failed', 'archived'].includes(job.status)) {
  await new Promise((resolve) => setTimeout(resolve, Number(INTERVAL_MS)))
  job = await (await fetch(url, { headers })).json()
}
console.log(job.status, job.prLink)
