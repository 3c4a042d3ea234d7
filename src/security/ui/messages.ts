// Text for signing in, user accounts and the audit log.

const en = {
  'role.system_administrator': 'System administrator',
  'role.national_coordinator': 'National coordinator',
  'role.national_rapporteur': 'National rapporteur',
  'role.case_worker': 'Case worker',
  'role.frontline_identifier': 'Front-line identifier',
  'role.shelter_staff': 'Shelter staff',
  'role.police_investigator': 'Police investigator',
  'role.prosecutor': 'Prosecutor',
  'role.labour_inspector': 'Labour inspector',
  'role.data_protection_officer': 'Data protection officer',
  'role.restricted_notice_officer': 'Restricted notice officer',
  'role.auditor': 'Auditor',

  'login.title': 'Sign in to Palermo',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.error.invalidCredentials': 'The email address or password is not correct',
  'login.error.locked':
    '{minutes, plural, one {You have tried to sign in too many times. Wait # minute, then try again.} other {You have tried to sign in too many times. Wait # minutes, then try again.}}',
  'login.error.lockedNoTime': 'You have tried to sign in too many times. Wait a few minutes, then try again.',
  'login.signedOut': 'You have signed out.',
  'login.sessionEnded': 'Your session has ended. Sign in again to continue.',

  'secondFactor.title': 'Enter your security code',
  'secondFactor.intro':
    'Open the authenticator app on your phone to see your code. If you cannot use the app, use one of your recovery codes.',
  'secondFactor.code': 'Code from your authenticator app or a recovery code',
  'secondFactor.codeHint':
    'The app shows a 6-digit code that changes every 30 seconds. Each recovery code works only once.',
  'secondFactor.submit': 'Continue',
  'secondFactor.error.invalidCode':
    'Enter the code your authenticator app shows now, or a recovery code you have not used before',

  'enrol.title': 'Set up your authenticator app',
  'enrol.intro':
    'Your account needs a second step when you sign in: a code from an app on your phone. This keeps the people recorded in Palermo safe, even if someone learns your password.',
  'enrol.step.install':
    'Install an authenticator app on your phone, if you do not have one. Ask your system administrator which apps your organisation allows.',
  'enrol.step.scan': 'In the app, add an account and scan this QR code.',
  'enrol.qrAlt': 'QR code for adding your Palermo account to an authenticator app',
  'enrol.step.typeSecret': 'If you cannot scan the code, type this key into the app instead:',
  'enrol.step.enterCode': 'Enter the 6-digit code that the app shows.',
  'enrol.code': 'Code from your authenticator app',
  'enrol.codeHint': 'The code is 6 digits.',
  'enrol.submit': 'Continue',
  'enrol.error.invalidCode': 'Enter the 6-digit code your authenticator app shows now',

  'recoveryCodes.title': 'Save these recovery codes',
  'recoveryCodes.intro':
    'If you lose your phone or cannot use your authenticator app, you can sign in with one of these codes instead.',
  'recoveryCodes.once': 'Each code works only once. This is the only time you will see them.',
  'recoveryCodes.listLabel': 'Recovery codes',
  'recoveryCodes.keepSafe':
    'Keep them somewhere safe that only you can reach, such as a password manager or a printed copy kept locked away. Do not keep them on a shared device.',
  'recoveryCodes.continue': 'Continue',
  'recoveryCodes.print': 'Print these codes',

  'users.title': 'Users',
  'users.intro': 'The people who can sign in to Palermo, with their organisations and roles.',
  'users.add': 'Add a user',
  'users.empty': 'There are no user accounts yet. Add a user to give someone access to Palermo.',
  'users.count': '{count, plural, one {# user} other {# users}}',

  'user.title': 'User account',
  'user.backToList': 'Back to users',
  'user.field.email': 'Email address',
  'user.field.emailHint': 'The person signs in with this address.',
  'user.field.displayName': 'Full name',
  'user.field.organisationId': 'Organisation',
  'user.field.organisationPlaceholder': 'Choose an organisation',
  'user.field.roles': 'Roles',
  'user.field.rolesHint': 'Select all that apply. Each role gives access only to what that work needs.',
  'user.field.password': 'Initial password',
  'user.field.passwordHint':
    'Give this to the person in a safe way, such as in person or by phone. They will set up an authenticator app when they first sign in.',
  'user.field.status': 'Status',
  'user.field.secondFactor': 'Authenticator app',
  'user.field.disabled': 'Disable this account',
  'user.field.disabledHint': 'The person will not be able to sign in until the account is enabled again.',
  'user.status.active': 'Active',
  'user.status.disabled': 'Disabled',
  'user.status.locked': 'Locked for now',
  'user.status.lockedUntil': 'Locked until {time}',
  'user.status.noSecondFactor': 'Authenticator app not set up',
  'user.secondFactor.enrolled': 'Set up',
  'user.secondFactor.notEnrolled': 'Not set up yet',
  'user.noRoles': 'No roles',
  'user.change': 'Change details',
  'user.edit.title': 'Change user account',
  'user.new.title': 'Add a user',
  'user.new.submit': 'Create user',
  'user.created': 'User account created. Give the person their initial password in a safe way.',
  'user.saved': 'Changes saved.',

  'audit.title': 'Audit log',
  'audit.intro':
    'Palermo records every important action here, newest first. Each entry is linked to the one before it, so a change to an earlier entry can be detected.',
  'audit.empty': 'No actions have been recorded yet.',
  'audit.count': '{count, plural, one {Showing # entry} other {Showing # entries}}',
  'audit.column.seq': 'No.',
  'audit.column.occurredAt': 'When',
  'audit.column.actor': 'Who',
  'audit.column.action': 'Action',
  'audit.column.subject': 'Record affected',
  'audit.column.outcome': 'Outcome',
  'audit.noSubject': 'None',
  'audit.actorKind.user': 'A user',
  'audit.actorKind.system': 'Palermo',
  'audit.actorKind.anonymous': 'Someone not signed in',
  'audit.outcome.success': 'Succeeded',
  'audit.outcome.denied': 'Refused',
  'audit.outcome.failure': 'Failed',
  'audit.showOlder': 'Show older entries',
  'audit.olderLoaded':
    '{count, plural, =0 {There are no older entries.} one {# older entry shown.} other {# older entries shown.}}',
  'audit.allShown': 'All entries are shown.',
  'audit.chain.title': 'Check that the log has not been changed',
  'audit.chain.explanation':
    'Palermo recalculates the link between each entry and the one before it. For a long log this can take a moment.',
  'audit.chain.check': 'Check the chain',
  'audit.chain.checking': 'Checking…',
  'audit.chain.valid':
    '{count, plural, =0 {There are no entries to check yet.} one {The chain is intact: # entry was checked and it has not been changed.} other {The chain is intact: # entries were checked and none has been changed.}}',
  'audit.chain.broken':
    'The chain is broken at entry {seq}: that entry or one before it may have been changed. Reason: {reason}. {count, plural, one {# entry was checked.} other {# entries were checked.}} Tell your data protection officer.',
};

const ro: Record<keyof typeof en, string> = {
  'role.system_administrator': 'Administrator de sistem',
  'role.national_coordinator': 'Coordonator național',
  'role.national_rapporteur': 'Raportor național',
  'role.case_worker': 'Manager de caz',
  'role.frontline_identifier': 'Specialist în identificare (prima linie)',
  'role.shelter_staff': 'Personal de adăpost',
  'role.police_investigator': 'Investigator de poliție',
  'role.prosecutor': 'Procuror',
  'role.labour_inspector': 'Inspector de muncă',
  'role.data_protection_officer': 'Responsabil cu protecția datelor',
  'role.restricted_notice_officer': 'Ofițer pentru notificări restricționate',
  'role.auditor': 'Auditor',

  'login.title': 'Conectați-vă la Palermo',
  'login.email': 'Adresa de e-mail',
  'login.password': 'Parola',
  'login.submit': 'Conectați-vă',
  'login.error.invalidCredentials': 'Adresa de e-mail sau parola nu este corectă',
  'login.error.locked':
    '{minutes, plural, one {Ați încercat să vă conectați de prea multe ori. Așteptați # minut, apoi încercați din nou.} few {Ați încercat să vă conectați de prea multe ori. Așteptați # minute, apoi încercați din nou.} other {Ați încercat să vă conectați de prea multe ori. Așteptați # de minute, apoi încercați din nou.}}',
  'login.error.lockedNoTime':
    'Ați încercat să vă conectați de prea multe ori. Așteptați câteva minute, apoi încercați din nou.',
  'login.signedOut': 'V-ați deconectat.',
  'login.sessionEnded': 'Sesiunea dumneavoastră s-a încheiat. Conectați-vă din nou pentru a continua.',

  'secondFactor.title': 'Introduceți codul de securitate',
  'secondFactor.intro':
    'Deschideți aplicația de autentificare de pe telefon pentru a vedea codul. Dacă nu puteți folosi aplicația, folosiți unul dintre codurile de recuperare.',
  'secondFactor.code': 'Codul din aplicația de autentificare sau un cod de recuperare',
  'secondFactor.codeHint':
    'Aplicația afișează un cod de 6 cifre care se schimbă la fiecare 30 de secunde. Fiecare cod de recuperare poate fi folosit o singură dată.',
  'secondFactor.submit': 'Continuați',
  'secondFactor.error.invalidCode':
    'Introduceți codul afișat acum de aplicația de autentificare sau un cod de recuperare pe care nu l-ați mai folosit',

  'enrol.title': 'Configurați aplicația de autentificare',
  'enrol.intro':
    'Contul dumneavoastră cere un al doilea pas la conectare: un cod dintr-o aplicație de pe telefon. Astfel, persoanele înregistrate în Palermo rămân protejate chiar dacă cineva vă află parola.',
  'enrol.step.install':
    'Instalați pe telefon o aplicație de autentificare, dacă nu aveți deja una. Întrebați administratorul de sistem ce aplicații permite organizația dumneavoastră.',
  'enrol.step.scan': 'În aplicație, adăugați un cont și scanați acest cod QR.',
  'enrol.qrAlt': 'Cod QR pentru adăugarea contului Palermo într-o aplicație de autentificare',
  'enrol.step.typeSecret': 'Dacă nu puteți scana codul, introduceți în aplicație această cheie:',
  'enrol.step.enterCode': 'Introduceți codul de 6 cifre afișat de aplicație.',
  'enrol.code': 'Codul din aplicația de autentificare',
  'enrol.codeHint': 'Codul are 6 cifre.',
  'enrol.submit': 'Continuați',
  'enrol.error.invalidCode': 'Introduceți codul de 6 cifre afișat acum de aplicația de autentificare',

  'recoveryCodes.title': 'Salvați aceste coduri de recuperare',
  'recoveryCodes.intro':
    'Dacă vă pierdeți telefonul sau nu puteți folosi aplicația de autentificare, vă puteți conecta cu unul dintre aceste coduri.',
  'recoveryCodes.once': 'Fiecare cod poate fi folosit o singură dată. Este singura dată când le vedeți.',
  'recoveryCodes.listLabel': 'Coduri de recuperare',
  'recoveryCodes.keepSafe':
    'Păstrați-le într-un loc sigur, la care doar dumneavoastră aveți acces, de exemplu un manager de parole sau o copie tipărită ținută sub cheie. Nu le păstrați pe un dispozitiv folosit în comun.',
  'recoveryCodes.continue': 'Continuați',
  'recoveryCodes.print': 'Tipăriți codurile',

  'users.title': 'Utilizatori',
  'users.intro': 'Persoanele care se pot conecta la Palermo, împreună cu organizațiile și rolurile lor.',
  'users.add': 'Adăugați un utilizator',
  'users.empty':
    'Nu există încă niciun cont de utilizator. Adăugați un utilizator pentru a-i oferi cuiva acces la Palermo.',
  'users.count': '{count, plural, one {# utilizator} few {# utilizatori} other {# de utilizatori}}',

  'user.title': 'Cont de utilizator',
  'user.backToList': 'Înapoi la utilizatori',
  'user.field.email': 'Adresa de e-mail',
  'user.field.emailHint': 'Persoana se conectează cu această adresă.',
  'user.field.displayName': 'Numele complet',
  'user.field.organisationId': 'Organizația',
  'user.field.organisationPlaceholder': 'Alegeți o organizație',
  'user.field.roles': 'Roluri',
  'user.field.rolesHint':
    'Selectați toate variantele potrivite. Fiecare rol oferă acces doar la ce este necesar pentru acea activitate.',
  'user.field.password': 'Parola inițială',
  'user.field.passwordHint':
    'Comunicați-o persoanei într-un mod sigur, de exemplu în persoană sau prin telefon. La prima conectare, persoana își va configura o aplicație de autentificare.',
  'user.field.status': 'Stare',
  'user.field.secondFactor': 'Aplicația de autentificare',
  'user.field.disabled': 'Dezactivați acest cont',
  'user.field.disabledHint': 'Persoana nu se va mai putea conecta până când contul nu este reactivat.',
  'user.status.active': 'Activ',
  'user.status.disabled': 'Dezactivat',
  'user.status.locked': 'Blocat temporar',
  'user.status.lockedUntil': 'Blocat până la {time}',
  'user.status.noSecondFactor': 'Aplicația de autentificare nu este configurată',
  'user.secondFactor.enrolled': 'Configurată',
  'user.secondFactor.notEnrolled': 'Neconfigurată încă',
  'user.noRoles': 'Niciun rol',
  'user.change': 'Modificați datele',
  'user.edit.title': 'Modificați contul de utilizator',
  'user.new.title': 'Adăugați un utilizator',
  'user.new.submit': 'Creați utilizatorul',
  'user.created':
    'Contul de utilizator a fost creat. Comunicați persoanei parola inițială într-un mod sigur.',
  'user.saved': 'Modificările au fost salvate.',

  'audit.title': 'Jurnal de audit',
  'audit.intro':
    'Palermo înregistrează aici fiecare acțiune importantă, începând cu cele mai recente. Fiecare înregistrare este legată de cea dinaintea ei, astfel încât orice modificare a unei înregistrări anterioare poate fi depistată.',
  'audit.empty': 'Nu a fost înregistrată încă nicio acțiune.',
  'audit.count':
    '{count, plural, one {Se afișează # înregistrare} few {Se afișează # înregistrări} other {Se afișează # de înregistrări}}',
  'audit.column.seq': 'Nr.',
  'audit.column.occurredAt': 'Când',
  'audit.column.actor': 'Cine',
  'audit.column.action': 'Acțiune',
  'audit.column.subject': 'Înregistrarea vizată',
  'audit.column.outcome': 'Rezultat',
  'audit.noSubject': 'Niciuna',
  'audit.actorKind.user': 'Un utilizator',
  'audit.actorKind.system': 'Palermo',
  'audit.actorKind.anonymous': 'O persoană neconectată',
  'audit.outcome.success': 'Reușită',
  'audit.outcome.denied': 'Refuzată',
  'audit.outcome.failure': 'Eșuată',
  'audit.showOlder': 'Afișați înregistrările mai vechi',
  'audit.olderLoaded':
    '{count, plural, =0 {Nu există înregistrări mai vechi.} one {S-a afișat # înregistrare mai veche.} few {S-au afișat # înregistrări mai vechi.} other {S-au afișat # de înregistrări mai vechi.}}',
  'audit.allShown': 'Sunt afișate toate înregistrările.',
  'audit.chain.title': 'Verificați că jurnalul nu a fost modificat',
  'audit.chain.explanation':
    'Palermo recalculează legătura dintre fiecare înregistrare și cea dinaintea ei. Pentru un jurnal lung, poate dura puțin.',
  'audit.chain.check': 'Verificați lanțul',
  'audit.chain.checking': 'Se verifică…',
  'audit.chain.valid':
    '{count, plural, =0 {Nu există încă înregistrări de verificat.} one {Lanțul este intact: a fost verificată # înregistrare și nu a fost modificată.} few {Lanțul este intact: au fost verificate # înregistrări și niciuna nu a fost modificată.} other {Lanțul este intact: au fost verificate # de înregistrări și niciuna nu a fost modificată.}}',
  'audit.chain.broken':
    'Lanțul este întrerupt la înregistrarea {seq}: este posibil ca aceasta sau o înregistrare anterioară să fi fost modificată. Motiv: {reason}. {count, plural, one {A fost verificată # înregistrare.} few {Au fost verificate # înregistrări.} other {Au fost verificate # de înregistrări.}} Anunțați responsabilul cu protecția datelor.',
};

export const messages = { en, ro };
