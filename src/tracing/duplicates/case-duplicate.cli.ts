import type { Command } from 'commander';
import type { Platform } from '../../platform.js';
import { commandLine } from '../../security/actor.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditActor } from '../../security/audit-entry.js';
import { countCasePersons, runDuplicateSearch } from './case-duplicate-search.store.js';

// `palermo tracing dedupe`: the same run as POST /api/case-duplicates/runs, for a nightly job. It
// acts as the system actor `cli`, prints figures only and is audited like the HTTP run.

export function registerCaseDuplicateCommands(
  program: Command,
  withPlatform: <T>(work: (opened: { platform: Platform }) => Promise<T>) => Promise<T>,
): void {
  const tracing =
    program.commands.find((command) => command.name() === 'tracing') ??
    program.command('tracing').description('Tracing: record linkage inside this installation');
  tracing
    .command('dedupe')
    .description(
      'Propose pairs of cases that may be the same person (for review in the web app); prints figures only',
    )
    .action(() =>
      withPlatform(async ({ platform }) => {
        const at = platform.clock.now();
        const figures = await platform.db.transaction(async (tx) => {
          const run = await runDuplicateSearch(tx, platform.keyring, {
            today: platform.clock.today(),
            at,
            startedBy: commandLine.id,
          });
          await appendAudit(tx, {
            occurredAt: at,
            actor: auditActor(commandLine),
            action: 'case-duplicate.search',
            outcome: 'success',
            details: { cases: run.cases, compared: run.compared, proposed: run.proposed },
          });
          return run;
        });
        const counted = await countCasePersons(platform.db);
        process.stdout.write(
          `${figures.cases} cases compared (${figures.compared} pairs after blocking, ${figures.unreadable} unreadable) in ${figures.milliseconds} ms: ${figures.proposed} new pairs to review, ${figures.rescored} rescored, ${figures.leftDecided} already decided.\n` +
            `${counted.cases} cases concern ${counted.persons} persons (${counted.confirmedLinks} confirmed links, ${counted.openCandidates} pairs waiting for review).\n`,
        );
      }),
    );
}
