'use strict';
// autocannon's worker thread loads this (with require) before each request: it spreads the reads
// over the registered persons, one after another from a random start.
const { readFileSync } = require('node:fs');

const personIds = JSON.parse(readFileSync(process.env.PALERMO_BENCH_PERSON_IDS, 'utf8'));
let next = Math.floor(Math.random() * personIds.length);

module.exports = (request) => {
  next = (next + 1) % personIds.length;
  return { ...request, path: `/api/persons/${personIds[next]}/identity` };
};
