// Text for de-duplicating cases: the persons count, the run, the list of pairs of cases that may be
// the same person, and the review of one pair. Likelihood in words, never a percentage (UX.md §5);
// the comparison reuses the register's words for fields and levels.

const en = {
  'nav.caseDuplicates': 'Duplicate cases',

  'dedup.title': 'Cases of the same person',
  'dedup.intro':
    'When several organisations open a case for the same person, Palermo proposes the pairs of cases that may be one person. Nothing is merged: each organisation keeps its own case, and a confirmed pair is counted as one person.',

  'dedup.count.title': 'Persons identified',
  'dedup.count.persons': 'Persons',
  'dedup.count.cases': 'Cases',
  'dedup.count.confirmedLinks': 'Confirmed links between cases',
  'dedup.count.openCandidates': 'Pairs waiting for review',
  'dedup.count.rejectedCandidates': 'Pairs rejected',
  'dedup.count.lastRun': 'Last search',
  'dedup.count.neverRun': 'No search has run yet',
  'dedup.count.summary':
    '{persons, plural, one {# person} other {# persons}} in {cases, plural, one {# case} other {# cases}}.',
  'dedup.count.notDisclosureControlled':
    'Raw figures for internal use: small numbers are not yet suppressed. Do not publish them as they are.',
  'dedup.count.restricted': 'Cases under a restricted notice are not compared and not counted here.',

  'dedup.run.title': 'Search for duplicate cases',
  'dedup.run.intro':
    'Compares the person of every case with every other case, inside Palermo. Only the comparison of each field is kept, never a name or a date.',
  'dedup.run.start': 'Search all cases now',
  'dedup.run.done':
    'Search finished: {cases, plural, one {# case} other {# cases}} compared, {proposed, plural, =0 {no new pair} one {# new pair} other {# new pairs}} to review.',

  'dedup.list.title': 'Pairs to review',
  'dedup.list.intro':
    'Pairs of cases that concern your organisation. The other organisation’s case is shown by its reference only.',
  'dedup.list.empty': 'No pairs of cases are waiting for review.',
  'dedup.list.count': '{count, plural, one {# pair to review} other {# pairs to review}}',
  'dedup.list.column.first': 'Case',
  'dedup.list.column.second': 'May be the same person as',
  'dedup.list.column.action': 'Action',
  'dedup.list.column.likelihood': 'Likelihood',
  'dedup.list.review': 'Review',
  'dedup.list.pair': '{first} and {second}',

  'dedup.pair.title': 'Review a pair of cases',
  'dedup.pair.back': 'Back to duplicate cases',
  'dedup.pair.first': 'First case',
  'dedup.pair.second': 'Second case',
  'dedup.pair.yours': '{reference} (your organisation)',
  'dedup.pair.otherOrganisation':
    '{reference}, held by {organisation}: shown by reference only. Ask them through a referral or a legal basis to learn more.',
  'dedup.pair.unknownOrganisation': 'another organisation',
  'dedup.pair.likelihood': 'Likelihood',
  'dedup.pair.status': 'Decision',
  'dedup.pair.status.open': 'Waiting for review',
  'dedup.pair.status.confirmed': 'Confirmed: counted as one person',
  'dedup.pair.status.rejected': 'Rejected: not the same person',
  'dedup.pair.reason': 'Reason given by your organisation',
  'dedup.pair.decide': 'Your decision',
  'dedup.pair.decision': 'Are these cases the same person?',
  'dedup.pair.decision.confirm': 'Yes, the same person: link the cases',
  'dedup.pair.decision.reject': 'No, not the same person',
  'dedup.pair.decisionReason': 'Why? What evidence did you check?',
  'dedup.pair.decisionReason.hint':
    'For example: the other organisation confirmed the document number. Only your organisation sees this reason.',
  'dedup.pair.submit': 'Record decision',
  'dedup.pair.confirmed':
    'Confirmed. The two cases are counted as one person; each organisation keeps its own case.',
  'dedup.pair.rejected': 'Rejected. This pair will not be proposed again.',
  'dedup.error.decision': 'Choose whether these cases are the same person',
  'dedup.error.decisionReason': 'Enter the reason for your decision',
  'dedup.noAccess': 'You do not have access to duplicate cases. Your national co-ordinator can give access.',
};

const ro: Record<keyof typeof en, string> = {
  'nav.caseDuplicates': 'Cazuri duplicate',

  'dedup.title': 'Cazuri ale aceleiași persoane',
  'dedup.intro':
    'Când mai multe organizații deschid câte un caz pentru aceeași persoană, Palermo propune perechile de cazuri care pot fi o singură persoană. Nimic nu se unește: fiecare organizație își păstrează cazul, iar o pereche confirmată este numărată ca o singură persoană.',

  'dedup.count.title': 'Persoane identificate',
  'dedup.count.persons': 'Persoane',
  'dedup.count.cases': 'Cazuri',
  'dedup.count.confirmedLinks': 'Legături confirmate între cazuri',
  'dedup.count.openCandidates': 'Perechi care așteaptă verificarea',
  'dedup.count.rejectedCandidates': 'Perechi respinse',
  'dedup.count.lastRun': 'Ultima căutare',
  'dedup.count.neverRun': 'Nicio căutare nu a rulat încă',
  'dedup.count.summary':
    '{persons, plural, one {# persoană} few {# persoane} other {# de persoane}} în {cases, plural, one {# caz} few {# cazuri} other {# de cazuri}}.',
  'dedup.count.notDisclosureControlled':
    'Cifre brute, pentru uz intern: numerele mici nu sunt încă suprimate. Nu le publicați așa.',
  'dedup.count.restricted':
    'Cazurile aflate sub o notă de restricționare nu sunt comparate și nu sunt numărate aici.',

  'dedup.run.title': 'Căutați cazuri duplicate',
  'dedup.run.intro':
    'Compară persoana fiecărui caz cu toate celelalte cazuri, în Palermo. Se păstrează doar comparația fiecărui câmp, niciodată un nume sau o dată.',
  'dedup.run.start': 'Căutați acum în toate cazurile',
  'dedup.run.done':
    'Căutare încheiată: {cases, plural, one {# caz comparat} few {# cazuri comparate} other {# de cazuri comparate}}, {proposed, plural, =0 {nicio pereche nouă} one {# pereche nouă} few {# perechi noi} other {# de perechi noi}} de verificat.',

  'dedup.list.title': 'Perechi de verificat',
  'dedup.list.intro':
    'Perechi de cazuri care privesc organizația dumneavoastră. Cazul celeilalte organizații este arătat doar prin referința sa.',
  'dedup.list.empty': 'Nicio pereche de cazuri nu așteaptă verificarea.',
  'dedup.list.count':
    '{count, plural, one {# pereche de verificat} few {# perechi de verificat} other {# de perechi de verificat}}',
  'dedup.list.column.first': 'Caz',
  'dedup.list.column.second': 'Poate fi aceeași persoană ca',
  'dedup.list.column.action': 'Acțiune',
  'dedup.list.column.likelihood': 'Probabilitate',
  'dedup.list.review': 'Verificați',
  'dedup.list.pair': '{first} și {second}',

  'dedup.pair.title': 'Verificați o pereche de cazuri',
  'dedup.pair.back': 'Înapoi la cazurile duplicate',
  'dedup.pair.first': 'Primul caz',
  'dedup.pair.second': 'Al doilea caz',
  'dedup.pair.yours': '{reference} (organizația dumneavoastră)',
  'dedup.pair.otherOrganisation':
    '{reference}, deținut de {organisation}: arătat doar prin referință. Pentru mai mult, adresați-vă lor printr-o trimitere sau un temei legal.',
  'dedup.pair.unknownOrganisation': 'altă organizație',
  'dedup.pair.likelihood': 'Probabilitate',
  'dedup.pair.status': 'Decizie',
  'dedup.pair.status.open': 'Așteaptă verificarea',
  'dedup.pair.status.confirmed': 'Confirmată: numărată ca o singură persoană',
  'dedup.pair.status.rejected': 'Respinsă: nu este aceeași persoană',
  'dedup.pair.reason': 'Motivul dat de organizația dumneavoastră',
  'dedup.pair.decide': 'Decizia dumneavoastră',
  'dedup.pair.decision': 'Aceste cazuri privesc aceeași persoană?',
  'dedup.pair.decision.confirm': 'Da, aceeași persoană: legați cazurile',
  'dedup.pair.decision.reject': 'Nu, nu este aceeași persoană',
  'dedup.pair.decisionReason': 'De ce? Ce dovezi ați verificat?',
  'dedup.pair.decisionReason.hint':
    'De exemplu: cealaltă organizație a confirmat numărul documentului. Doar organizația dumneavoastră vede acest motiv.',
  'dedup.pair.submit': 'Înregistrați decizia',
  'dedup.pair.confirmed':
    'Confirmată. Cele două cazuri sunt numărate ca o singură persoană; fiecare organizație își păstrează cazul.',
  'dedup.pair.rejected': 'Respinsă. Această pereche nu va mai fi propusă.',
  'dedup.error.decision': 'Alegeți dacă aceste cazuri privesc aceeași persoană',
  'dedup.error.decisionReason': 'Introduceți motivul deciziei',
  'dedup.noAccess': 'Nu aveți acces la cazurile duplicate. Coordonatorul național vă poate da acces.',
};

export const messages = { en, ro };
