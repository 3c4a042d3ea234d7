// The "Partners and exchanges" page (issue 5 acceptance 9; docs/decisions/0025). English and
// Romanian, same keys (checked by src/web/i18n.test.ts).

const en = {
  'nav.exchange': 'Partners and exchanges',
  'exchange.title': 'Partners and exchanges',
  'exchange.intro':
    'Partner installations in other countries send encodings of their missing-person reports, signed with their key. The encodings carry no name or date; matches come back as record numbers only, and identities are exchanged only after a confirmed match with consent or a legal basis on both sides.',
  'exchange.partners.heading': 'Partner installations',
  'exchange.partners.empty': 'No partner installation is registered yet.',
  'exchange.partners.count': '{count, plural, one {# partner installation} other {# partner installations}}',
  'exchange.partners.column.country': 'Country',
  'exchange.partners.column.name': 'Installation',
  'exchange.partners.column.fingerprint': 'Key fingerprint',
  'exchange.partners.column.registeredAt': 'Registered',
  'exchange.partners.column.status': 'Status',
  'exchange.partners.status.active': 'Active',
  'exchange.partners.status.suspended': 'Suspended',
  'exchange.register.heading': 'Register a partner installation',
  'exchange.register.hint':
    'Check the key with the partner by a second channel (telephone or in person) before registering it: uploads signed with it will be accepted.',
  'exchange.field.countryCode': 'Country code',
  'exchange.field.countryCodeHint': 'ISO 3166-1 in capital letters, for example MD or MDA',
  'exchange.field.name': 'Name of the installation',
  'exchange.field.publicKey': 'Public key',
  'exchange.field.publicKeyHint':
    'Paste the partner’s .pub file from palermo pprl keygen, BEGIN and END lines included',
  'exchange.register.submit': 'Register partner',
  'exchange.registered': 'Partner {name} registered.',
  'exchange.history.heading': 'Exchange history',
  'exchange.history.empty': 'No partner has uploaded encodings yet.',
  'exchange.history.count': '{count, plural, one {# upload} other {# uploads}}',
  'exchange.history.column.uploadedAt': 'Uploaded',
  'exchange.history.column.partner': 'Partner',
  'exchange.history.column.records': 'Records',
  'exchange.history.column.candidates': 'Candidate matches',
  // A partner's record in the review queue (match-candidate kind `partner`).
  'tracing.candidates.kind.partner': 'Partner country’s record',
  'tracing.field.name.encodings': 'Encodings (no readable data)',
  'tracing.level.encodings.dice': 'similar encodings of name, date of birth, sex and citizenship',
};

const ro: Record<keyof typeof en, string> = {
  'nav.exchange': 'Parteneri și schimburi',
  'exchange.title': 'Parteneri și schimburi',
  'exchange.intro':
    'Instalațiile partenere din alte țări trimit codificări ale sesizărilor lor privind persoane dispărute, semnate cu cheia lor. Codificările nu conțin niciun nume sau dată; potrivirile se întorc doar ca numere de înregistrare, iar identitățile se schimbă numai după o potrivire confirmată, cu consimțământ sau temei legal de ambele părți.',
  'exchange.partners.heading': 'Instalații partenere',
  'exchange.partners.empty': 'Nu este înregistrată încă nicio instalație parteneră.',
  'exchange.partners.count':
    '{count, plural, one {# instalație parteneră} few {# instalații partenere} other {# de instalații partenere}}',
  'exchange.partners.column.country': 'Țara',
  'exchange.partners.column.name': 'Instalația',
  'exchange.partners.column.fingerprint': 'Amprenta cheii',
  'exchange.partners.column.registeredAt': 'Înregistrată',
  'exchange.partners.column.status': 'Stare',
  'exchange.partners.status.active': 'Activă',
  'exchange.partners.status.suspended': 'Suspendată',
  'exchange.register.heading': 'Înregistrați o instalație parteneră',
  'exchange.register.hint':
    'Verificați cheia cu partenerul pe un al doilea canal (telefonic sau în persoană) înainte de a o înregistra: încărcările semnate cu ea vor fi acceptate.',
  'exchange.field.countryCode': 'Codul țării',
  'exchange.field.countryCodeHint': 'ISO 3166-1 cu majuscule, de exemplu MD sau MDA',
  'exchange.field.name': 'Numele instalației',
  'exchange.field.publicKey': 'Cheia publică',
  'exchange.field.publicKeyHint':
    'Lipiți fișierul .pub al partenerului, generat cu palermo pprl keygen, inclusiv rândurile BEGIN și END',
  'exchange.register.submit': 'Înregistrați partenerul',
  'exchange.registered': 'Partenerul {name} a fost înregistrat.',
  'exchange.history.heading': 'Istoricul schimburilor',
  'exchange.history.empty': 'Niciun partener nu a încărcat încă codificări.',
  'exchange.history.count': '{count, plural, one {# încărcare} few {# încărcări} other {# de încărcări}}',
  'exchange.history.column.uploadedAt': 'Încărcată',
  'exchange.history.column.partner': 'Partenerul',
  'exchange.history.column.records': 'Înregistrări',
  'exchange.history.column.candidates': 'Potriviri candidate',
  'tracing.candidates.kind.partner': 'Înregistrarea țării partenere',
  'tracing.field.name.encodings': 'Codificări (fără date lizibile)',
  'tracing.level.encodings.dice':
    'codificări asemănătoare ale numelui, datei nașterii, sexului și cetățeniei',
};

export const messages = { en, ro };
