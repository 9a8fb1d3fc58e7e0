// node gitlab-note.mjs COMMENT.md   (GitLab CI, merge request pipeline; LAYERLINT_API_TOKEN: api scope)
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2], 'utf8');
const marker = body.split('\n')[0];
const { CI_API_V4_URL: api, CI_PROJECT_ID: project, CI_MERGE_REQUEST_IID: mr, LAYERLINT_API_TOKEN: token } = process.env;
const url = `${api}/projects/${project}/merge_requests/${mr}/notes`;
const headers = { 'PRIVATE-TOKEN': token, 'content-type': 'application/json' };
const notes = await (await fetch(`${url}?per_page=100&sort=desc`, { headers })).json();
const mine = notes.find((n) => typeof n.body === 'string' && n.body.startsWith(marker));
const res = await fetch(mine ? `${url}/${mine.id}` : url, {
  method: mine ? 'PUT' : 'POST',
  headers,
  body: JSON.stringify({ body }),
});
if (!res.ok) throw new Error(`GitLab answered ${res.status}: ${await res.text()}`);
