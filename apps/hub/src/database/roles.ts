/**
 * The role the application's connections run as (README "Database roles"). It owns no table, so it
 * cannot alter the schema, drop the audit trail's trigger, or change audit rows (SELECT and INSERT
 * only on audit_event). Created by a migration; the login of DATABASE_URL must be a member of it.
 */
export const APP_ROLE = 'signaalhub_app';

/**
 * pg connection settings for every session of the application: it switches to the application role
 * at start-up, and runs without JIT compilation. The hub's statements are short and planned with
 * estimates; a large municipality's estimate passes PostgreSQL's JIT cost thresholds long before
 * the statement is slow, and compiling the plan then costs more than running it (a year's KPIs at
 * 1,000,000 signals: 286 ms of JIT in a 480 ms statement, 139 ms without).
 */
export function appConnectionOptions(): { options: string } {
  return { options: `-c role=${APP_ROLE} -c jit=off` };
}
