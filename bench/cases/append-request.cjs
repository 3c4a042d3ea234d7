'use strict';
// autocannon's worker thread loads this (with require) before each request: a random case worker
// records a periodic risk assessment, dated today, on a random open case of their organisation.
// The lifecycle accepts a risk assessment in every open stage and it closes nothing, so every
// append should land (lifecycle.ts, eventRefusal: risk_assessed has no rule of its own).
const { readFileSync } = require('node:fs');

const load = JSON.parse(readFileSync(process.env.PALERMO_BENCH_CASES_LOAD, 'utf8'));
const pick = (values) => values[Math.floor(Math.random() * values.length)];
const body = JSON.stringify(load.appendedEvent);

module.exports = (request) => {
  const user = pick(load.users);
  return {
    ...request,
    method: 'POST',
    path: `/api/cases/${pick(load.openCaseIds)}/events`,
    headers: {
      ...request.headers,
      cookie: user.cookie,
      'x-csrf-token': user.csrfToken,
      'content-type': 'application/json',
    },
    body,
  };
};
