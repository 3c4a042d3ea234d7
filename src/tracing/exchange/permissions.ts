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
  'exchange.partner.suspend': {
    resource: null,
    description:
      'Suspend a partner installation (its uploads and identity messages are refused) or reinstate it',
  },
  'exchange.partner.rotate-key': {
    resource: null,
    description: 'Register a partner’s new public key; its old key is retired at once or on a stated day',
  },
  'exchange.identity.view': {
    resource: 'match-candidate',
    description:
      'See the identity exchanges of a cross-border candidate: status, kinds of basis and of detail, never an identity',
  },
  'exchange.identity.request': {
    resource: 'match-candidate',
    description:
      'Ask a partner country for the identity behind a confirmed cross-border match, recording the consent or legal basis; or withdraw the request',
  },
  'exchange.identity.release': {
    resource: 'match-candidate',
    description:
      'Release this installation’s identity of a confirmed cross-border match to the partner that asked, recording the consent or legal basis; or refuse',
  },
  'exchange.identity.read': {
    resource: 'missing-person-report',
    description:
      'Read an identity received from a partner country for a report (audited like any identity read)',
  },
} satisfies ActionDeclarations;
