/**
 * The role the application's connections run as (README "Database roles"). It owns no table, so it
 * cannot alter the schema, drop the audit trail's trigger, or change audit rows (SELECT and INSERT
 * only on audit_event). Created by a migration; the login of DATABASE_URL must be a member of it.
 */
export const APP_ROLE = 'signaalhub_app';

/** pg connection settings that switch every new session to the application role at start-up. */
export function appRoleConnectionOptions(): { options: string } {
  return { options: `-c role=${APP_ROLE}` };
}
