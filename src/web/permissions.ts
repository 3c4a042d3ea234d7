// The permission names the shell checks against GET /api/auth/session's `permissions`: they decide
// which navigation, pages and buttons a user sees. The server still checks every request.

export const permissions = {
  viewOrganisations: 'organisation.view',
  createOrganisation: 'organisation.create',
  viewUsers: 'user.view',
  createUser: 'user.create',
  viewAudit: 'audit.view',
  verifyAudit: 'audit.verify',
  viewCases: 'case.view',
  openCase: 'case.open',
  recordCaseEvent: 'case.record-event',
  viewDeadlines: 'deadline.view',
} as const;
