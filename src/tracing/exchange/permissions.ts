import type { ActionDeclarations } from '../../security/permissions.js';

// The exchange's actions (STYLE §5); who holds them is deployments/<code>/permissions.json. The
// upload endpoint has no action: a partner installation is not a user, and its signature,
// checked against the registered partners' keys, is its authentication (docs/decisions/0025).

export const exchangeActions = {
  'exchange.partner.view': {
    resource: null,
    description:
      'See the partner installations (countries and their public keys) this hub accepts files from',
  },
  'exchange.partner.register': {
    resource: null,
    description:
      'Register a partner installation by its Ed25519 public key, so its signed uploads are accepted',
  },
  'exchange.history.view': {
    resource: null,
    description: 'See the exchange history: which partner uploaded when, how many records and candidates',
  },
} satisfies ActionDeclarations;
