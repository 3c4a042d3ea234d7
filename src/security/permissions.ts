import { z } from 'zod';
import { allOf, anyOf, type SqlFragment, sql } from '../db/sql.js';
import type { Actor } from './actor.js';
import { type Role, roles } from './roles.js';

// Permissions as data (STYLE §5): each capability declares its actions and defines each condition
// once, with its predicate and its SQL side by side; deployments/<code>/permissions.json says which
// condition sets allow which action. The actor may act if ALL conditions of ANY one set hold; an
// empty list denies. The same rules compile to a predicate (single records) and to SQL (lists).

/** A condition about the actor alone (a role, the CLI): it fits every action. */
export type ActorCondition = { kind: 'actor'; holds: (actor: Actor, now: Date) => boolean };

/** A condition about the actor and one record of a kind, defined once for both forms. */
export type RecordCondition<Row> = {
  kind: 'record';
  resource: string;
  holds: (actor: Actor, row: Row, now: Date) => boolean;
  where: (actor: Actor, now: Date) => SqlFragment;
};

// biome-ignore lint/suspicious/noExplicitAny: rows differ per resource; each condition checks its own
export type Condition = ActorCondition | RecordCondition<any>;
export type Conditions = Record<string, Condition>;

export const actorCondition = (holds: ActorCondition['holds']): ActorCondition => ({ kind: 'actor', holds });
export const recordCondition = <Row>(
  resource: string,
  holds: RecordCondition<Row>['holds'],
  where: RecordCondition<Row>['where'],
): RecordCondition<Row> => ({ kind: 'record', resource, holds, where });

/** An action a capability offers, `topic.verb`, and the kind of record it concerns (null: none). */
export type ActionDeclaration = { resource: string | null; description: string };
export type ActionDeclarations = Record<string, ActionDeclaration>;

/** Data categories a kind of record holds (identity, contact, health, counselling notes …). */
export type CategoryDeclarations = Record<string, readonly string[]>;

const pascal = (role: string) =>
  role
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** `isCaseWorker`, `isAuditor` … one condition per role, plus the command line's own. */
export const roleConditions: Conditions = {
  ...Object.fromEntries(
    roles.map((role) => [`is${pascal(role)}`, actorCondition((actor) => actor.roles.includes(role as Role))]),
  ),
  isCommandLine: actorCondition((actor) => actor.kind === 'system' && actor.id === 'cli'),
  isSignedIn: actorCondition((actor) => actor.kind === 'user'),
};

// An empty set would allow everyone, even the anonymous: refuse it; an empty list denies.
const RuleSets = z.array(z.array(z.string().min(1)).min(1));
export const PermissionsFile = z.strictObject({
  $comment: z.string().optional(),
  actions: z.record(z.string(), RuleSets),
  categories: z.record(z.string(), RuleSets).default({}),
});
export type PermissionsFile = z.infer<typeof PermissionsFile>;

export class PermissionsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`permissions file refused:\n- ${problems.join('\n- ')}`);
  }
}

export type Decision =
  | { allowed: true; action: string }
  | {
      allowed: false;
      action: string;
      reason: 'no-rule-allows' | 'category-not-permitted';
      category?: string;
    };

export type PolicyRequest = {
  actor: Actor;
  action: string;
  /** The record acted on, for record conditions; absent for actions on no record (create, list). */
  record?: unknown;
  /** A data category of the record, for reads of sensitive parts (identity, health …). */
  category?: string;
  now: Date;
};

type CompiledSet = readonly Condition[];

export class Policy {
  private readonly actionRules = new Map<string, CompiledSet[]>();
  private readonly categoryRules = new Map<string, CompiledSet[]>();

  private constructor(
    readonly actions: ActionDeclarations,
    readonly categories: CategoryDeclarations,
  ) {}

  /**
   * Parses a permissions file against what the capabilities declare. Refuses unknown actions,
   * unknown conditions, record conditions of another kind of record, and any declared action or
   * category the file forgets (every one must appear, if only as []).
   */
  static parse(
    input: unknown,
    declarations: { actions: ActionDeclarations; categories: CategoryDeclarations; conditions: Conditions },
  ): Policy {
    const parsed = PermissionsFile.safeParse(input);
    if (!parsed.success)
      throw new PermissionsFileError(
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      );
    const file = parsed.data;
    const policy = new Policy(declarations.actions, declarations.categories);
    const problems: string[] = [];
    const conditions = { ...roleConditions, ...declarations.conditions };
    const compile = (where: string, resource: string | null, sets: string[][]): CompiledSet[] =>
      sets.map((names) =>
        names.map((name) => {
          const condition = conditions[name];
          if (!condition) problems.push(`${where}: unknown condition ${name}`);
          else if (condition.kind === 'record' && condition.resource !== resource)
            problems.push(
              `${where}: condition ${name} concerns ${condition.resource} records, not ${resource ?? 'none'}`,
            );
          return condition ?? roleConditions.isCommandLine!;
        }),
      );
    for (const [action, sets] of Object.entries(file.actions)) {
      const declaration = declarations.actions[action];
      if (!declaration) problems.push(`unknown action ${action}`);
      else policy.actionRules.set(action, compile(action, declaration.resource, sets));
    }
    for (const action of Object.keys(declarations.actions))
      if (!(action in file.actions)) problems.push(`action ${action} is missing (write [] to deny it)`);
    const declaredCategories = Object.entries(declarations.categories).flatMap(([resource, names]) =>
      names.map((name) => `${resource}/${name}`),
    );
    for (const [key, sets] of Object.entries(file.categories)) {
      if (!declaredCategories.includes(key)) problems.push(`unknown data category ${key}`);
      else policy.categoryRules.set(key, compile(key, key.split('/')[0]!, sets));
    }
    for (const key of declaredCategories)
      if (!(key in file.categories)) problems.push(`data category ${key} is missing (write [] to deny it)`);
    if (problems.length > 0) throw new PermissionsFileError(problems);
    return policy;
  }

  /** The one place that decides: (actor, action, record, data category) → allow, or deny with a reason. */
  decide({ actor, action, record, category, now }: PolicyRequest): Decision {
    const sets = this.actionRules.get(action);
    if (!sets) throw new Error(`action ${action} is not declared`);
    if (!sets.some((set) => setHolds(set, actor, record, now)))
      return { allowed: false, action, reason: 'no-rule-allows' };
    if (category !== undefined) {
      const resource = this.actions[action]!.resource ?? '';
      if (!this.categoryAllows(actor, resource, category, record, now))
        return { allowed: false, action, reason: 'category-not-permitted', category };
    }
    return { allowed: true, action };
  }

  /** Whether the rules of one data category alone let the actor read it on this record (no action checked). */
  categoryAllows(actor: Actor, resource: string, category: string, record: unknown, now: Date): boolean {
    const sets = this.categoryRules.get(`${resource}/${category}`);
    if (!sets) throw new Error(`data category ${resource}/${category} is not declared`);
    return sets.some((set) => setHolds(set, actor, record, now));
  }

  /** Whether some record could allow the action: every actor condition of some set holds. */
  mightPerform(actor: Actor, action: string, now: Date): boolean {
    const sets = this.actionRules.get(action) ?? [];
    return sets.some((set) =>
      set.every((condition) => condition.kind === 'record' || condition.holds(actor, now)),
    );
  }

  /** The actions this actor might perform at all: the web app shows only these. */
  actionsActorMightPerform(actor: Actor, now: Date): string[] {
    return [...this.actionRules.keys()].filter((action) => this.mightPerform(actor, action, now)).sort();
  }

  /** Actions on one kind of record that this actor may perform on this record (for `allowedActions`). */
  allowedActions(actor: Actor, resource: string, record: unknown, now: Date): string[] {
    return Object.entries(this.actions)
      .filter(([, declaration]) => declaration.resource === resource)
      .map(([action]) => action)
      .filter((action) => this.decide({ actor, action, record, now }).allowed)
      .sort();
  }

  /** The same rule as SQL, for filtering lists before limit/offset. */
  permittedWhere(actor: Actor, action: string, now: Date): SqlFragment {
    const sets = this.actionRules.get(action);
    if (!sets) throw new Error(`action ${action} is not declared`);
    return anyOf(
      sets.map((set) =>
        allOf(
          set.map((condition) =>
            condition.kind === 'actor'
              ? condition.holds(actor, now)
                ? sql.true
                : sql.false
              : condition.where(actor, now),
          ),
        ),
      ),
    );
  }
}

function setHolds(set: CompiledSet, actor: Actor, record: unknown, now: Date): boolean {
  return set.every((condition) =>
    condition.kind === 'actor'
      ? condition.holds(actor, now)
      : record !== undefined && condition.holds(actor, record, now),
  );
}
