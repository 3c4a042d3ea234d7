/**
 * Where the plaintext linkage's errors come from, on generated data (issue 5, acceptance 7):
 * precision, recall and F1 of `linkPersonRecords` (the `palermo link` engine) and every false
 * positive and false negative broken down by what the generator did — the kind of hard negative
 * (twin, sibling, parent, stranger, another person's registration) and the corruptions of both
 * registrations — with the comparison levels and probability of each.
 *
 *   node --import tsx bench/linkage/measure-plaintext.ts --persons 5000 [--seed 2] [--examples 10]
 *     [--threshold 0.9]
 */
import {
  compareRecords,
  type LinkageModel,
  type PersonRecord,
  scorePair,
} from '../../src/tracing/fellegi-sunter.js';
import {
  blockPairs,
  DEFAULT_LINK_THRESHOLD,
  linkPersonRecords,
  prepareAll,
} from '../../src/tracing/plaintext-linkage.js';
import {
  comparePrepared,
  matchProbability,
  prepareModel,
  Vocabulary,
  weighLevels,
} from '../../src/tracing/prepared-record.js';
import { generateLinkage, type LinkageRow, linkageQuality, type RowStory } from './generate.js';
import { generatedRecords } from './quality.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
};
const persons = Number(option('persons', '5000'));
const seed = Number(option('seed', '2'));
const examples = Number(option('examples', '10'));
const threshold = Number(option('threshold', String(DEFAULT_LINK_THRESHOLD)));

const generated = generateLinkage({ seed, persons });
const { left, right } = generatedRecords(generated);
const started = performance.now();
const outcome = await linkPersonRecords(left, right, { threshold, referenceDate: generated.referenceDate });
const seconds = (performance.now() - started) / 1000;
const quality = linkageQuality(outcome.matches, generated.truth);

const leftById = new Map(left.map((record) => [record.id, record]));
const rightById = new Map(right.map((record) => [record.id, record]));
const rowById = new Map<string, LinkageRow>(
  [...generated.left, ...generated.right].map((row) => [row.id, row]),
);
const story = (id: string): RowStory => generated.stories.get(id)!;

// Which true pairs blocking let through.
const vocabulary = new Vocabulary();
const preparedLeft = prepareAll(left, vocabulary, generated.referenceDate);
const preparedRight = prepareAll(right, vocabulary, generated.referenceDate);
const blocked = blockPairs(preparedLeft, preparedRight);
const blockedSet = new Set<string>();
for (let pair = 0; pair < blocked.count; pair += 1)
  blockedSet.add(`${preparedLeft[blocked.left[pair]!]!.id}\t${preparedRight[blocked.right[pair]!]!.id}`);

const model: LinkageModel = outcome.model;
const explain = (leftRecord: PersonRecord, rightRecord: PersonRecord) => {
  const vector = compareRecords(leftRecord, rightRecord, { referenceDate: generated.referenceDate });
  const score = scorePair(vector, model);
  const levels = score.explanation.map(
    (field) => `${field.field}=${field.level}(${field.weight.toFixed(1)})`,
  );
  return { probability: score.probability, levels: levels.join(' '), vector };
};
const show = (row: LinkageRow) =>
  `${row.id} ${row.given_name} | ${row.family_name} | ${row.sex} | ${row.birth_date || `~${row.age_estimate}`} | ${row.nationality} | ${row.birth_place}`;

const accepted = new Map<string, number>();
const leftMatched = new Map<string, string>();
const rightMatched = new Map<string, string>();
for (const match of outcome.matches) {
  accepted.set(`${match.leftId}\t${match.rightId}`, match.probability);
  leftMatched.set(match.leftId, match.rightId);
  rightMatched.set(match.rightId, match.leftId);
}

const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const printTally = (title: string, counts: Map<string, number>, total: number) => {
  console.log(`  ${title}`);
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(
      `    ${String(count).padStart(5)}  ${((100 * count) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${key}`,
    );
};

// ---- false positives ----
const falsePositives = outcome.matches.filter(
  (match) => !generated.truth.has(`${match.leftId}\t${match.rightId}`),
);
const fpKinds = new Map<string, number>();
const fpNames = new Map<string, number>();
const fpExamples = new Map<string, string[]>();
for (const match of falsePositives) {
  const rightStory = story(match.rightId);
  let kind: string;
  if (rightStory.kind === 'match') kind = "another left person's registration";
  else if (rightStory.relativeOf === match.leftId) kind = `${rightStory.kind} of this person`;
  else if (rightStory.kind === 'stranger') kind = 'stranger';
  else kind = `${rightStory.kind} of someone else`;
  // Was this left person's own registration on the right (taken by the false one)?
  const hasTrue = [...generated.truth].some((pair) => pair.startsWith(`${match.leftId}\t`));
  kind += hasTrue ? ' (true partner on the right)' : '';
  tally(fpKinds, kind);
  const explanation = explain(leftById.get(match.leftId)!, rightById.get(match.rightId)!);
  const levels = explanation.vector.levels;
  tally(fpNames, `given ${levels.givenName}, family ${levels.familyName}, birth ${levels.birthDate}`);
  const list = fpExamples.get(kind) ?? [];
  if (list.length < examples)
    list.push(
      `p=${match.probability.toFixed(3)} ${explanation.levels}\n        L ${show(rowById.get(match.leftId)!)}  [${story(match.leftId).corruptions.join(',')}]\n        R ${show(rowById.get(match.rightId)!)}  [${rightStory.corruptions.join(',')}]`,
    );
  fpExamples.set(kind, list);
}

// ---- false negatives ----
const fnCauses = new Map<string, number>();
const fnCorruptions = new Map<string, number>();
const allCorruptions = new Map<string, number>();
const fnExamples = new Map<string, string[]>();
let falseNegatives = 0;
for (const pair of generated.truth) {
  const [leftId, rightId] = pair.split('\t') as [string, string];
  for (const tag of new Set([
    ...story(leftId).corruptions.map((t) => `L:${t}`),
    ...story(rightId).corruptions,
  ]))
    tally(allCorruptions, tag);
  if (accepted.has(pair)) continue;
  falseNegatives += 1;
  const explanation = explain(leftById.get(leftId)!, rightById.get(rightId)!);
  let cause: string;
  if (!blockedSet.has(pair)) cause = 'not blocked';
  else if (explanation.probability < threshold) cause = 'below threshold';
  else if (leftMatched.has(leftId) || rightMatched.has(rightId)) cause = 'lost in one-to-one to another pair';
  else cause = 'other';
  tally(fnCauses, cause);
  for (const tag of new Set([
    ...story(leftId).corruptions.map((t) => `L:${t}`),
    ...story(rightId).corruptions,
  ]))
    tally(fnCorruptions, tag);
  const list = fnExamples.get(cause) ?? [];
  if (list.length < examples)
    list.push(
      `p=${explanation.probability.toFixed(3)} ${explanation.levels}\n        L ${show(rowById.get(leftId)!)}  [${story(leftId).corruptions.join(',')}]\n        R ${show(rowById.get(rightId)!)}  [${story(rightId).corruptions.join(',')}]`,
    );
  fnExamples.set(cause, list);
}

console.log(
  `${persons} people (seed ${seed}): ${left.length} left, ${right.length} right, ${generated.truth.size} true pairs; ` +
    `${outcome.candidatePairs} candidate pairs; threshold ${threshold}; ${seconds.toFixed(1)} s`,
);
console.log(
  `precision ${quality.precision.toFixed(4)}  recall ${quality.recall.toFixed(4)}  F1 ${quality.f1.toFixed(4)}  ` +
    `(TP ${quality.truePositives}, FP ${falsePositives.length}, FN ${falseNegatives}); λ ${model.lambda.toExponential(2)}`,
);
console.log(`false positives: ${falsePositives.length}`);
printTally('by kind of the right record', fpKinds, falsePositives.length);
printTally('by levels', fpNames, falsePositives.length);
console.log(`false negatives: ${falseNegatives}`);
printTally('by cause', fnCauses, falseNegatives);
console.log('  by corruption (share of false negatives with it; rate among all true pairs)');
for (const [tag, count] of [...fnCorruptions].sort((a, b) => b[1] - a[1]))
  console.log(
    `    ${String(count).padStart(5)}  ${((100 * count) / Math.max(1, falseNegatives)).toFixed(1).padStart(5)} %  ${tag}  (miss rate ${((100 * count) / allCorruptions.get(tag)!).toFixed(1)} % of ${allCorruptions.get(tag)})`,
  );
if (examples > 0) {
  for (const [kind, list] of fpExamples) {
    console.log(`\nFP ${kind}:`);
    for (const line of list) console.log(`  ${line}`);
  }
  for (const [cause, list] of fnExamples) {
    console.log(`\nFN ${cause}:`);
    for (const line of list) console.log(`  ${line}`);
  }
}
// Calibration: the probability shown against the share of true pairs, over every candidate pair.
const prepared = prepareModel(model, vocabulary);
const bins = [0, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0000001];
const binPairs = bins.map(() => ({ count: 0, matches: 0, probability: 0 }));
const scratch = new Uint8Array(6);
for (let pair = 0; pair < blocked.count; pair += 1) {
  const leftRecord = preparedLeft[blocked.left[pair]!]!;
  const rightRecord = preparedRight[blocked.right[pair]!]!;
  comparePrepared(leftRecord, rightRecord, scratch);
  const probability = matchProbability(weighLevels(leftRecord, scratch, prepared), prepared);
  const bin = bins.findIndex((edge, index) => probability >= edge && probability < bins[index + 1]!);
  const into = binPairs[bin]!;
  into.count += 1;
  into.probability += probability;
  if (generated.truth.has(`${leftRecord.id}\t${rightRecord.id}`)) into.matches += 1;
}
console.log(
  '\ncalibration over all candidate pairs (before one-to-one): probability bin, pairs, mean probability, share true',
);
binPairs.forEach((into, index) => {
  if (into.count === 0) return;
  console.log(
    `  [${bins[index]}, ${Math.min(1, bins[index + 1]!)})  ${String(into.count).padStart(8)}  ${(into.probability / into.count).toFixed(4)}  ${(into.matches / into.count).toFixed(4)}`,
  );
});

// The m a perfect training would find: level shares among the true pairs.
const trueLevels = new Map<string, number>();
for (const pair of generated.truth) {
  const [leftId, rightId] = pair.split('\t') as [string, string];
  const levels = compareRecords(leftById.get(leftId)!, rightById.get(rightId)!, {
    referenceDate: generated.referenceDate,
  }).levels;
  for (const [field, level] of Object.entries(levels)) tally(trueLevels, `${field}:${level}`);
}
console.log('\nm estimated vs true (share among true pairs, missing included), weight log2(m/u):');
for (const [field, levels] of Object.entries(model.m) as [string, Record<string, number>][]) {
  const missing = trueLevels.get(`${field}:missing`) ?? 0;
  const line = Object.entries(levels).map(([level, m]) => {
    const truth = (trueLevels.get(`${field}:${level}`) ?? 0) / Math.max(1, generated.truth.size - missing);
    const u = (model.u as Record<string, Record<string, number>>)[field]![level]!;
    return `${level} ${m.toFixed(4)}/${truth.toFixed(4)} (${Math.log2(m / u).toFixed(1)})`;
  });
  console.log(`  ${field}: ${line.join(', ')}`);
}
