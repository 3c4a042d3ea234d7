'use strict';
// autocannon's worker thread loads this (with require) before each request: a timeline load of a
// random case by a random one of the signed-in case workers. The load file is written by index.ts.
const { readFileSync } = require('node:fs');

const load = JSON.parse(readFileSync(process.env.PALERMO_BENCH_CASES_LOAD, 'utf8'));
const pick = (values) => values[Math.floor(Math.random() * values.length)];

module.exports = (request) => {
  const user = pick(load.users);
  return {
    ...request,
    method: 'GET',
    path: `/api/cases/${pick(load.caseIds)}`,
    headers: { ...request.headers, cookie: user.cookie },
  };
};
