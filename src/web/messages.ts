// Text for the shell: header, navigation, shared states, forms, home and error pages.

const en = {
  'title.page': '{title} – Palermo',
  'title.withError': 'Error: {title}',

  'shell.serviceName': 'Palermo',
  'shell.skipLink': 'Skip to main content',
  'shell.languageNav': 'Language',
  'shell.mainNav': 'Main menu',
  'shell.signOut': 'Sign out',
  'shell.footer': 'Palermo is an open platform for the national response to human trafficking.',

  'nav.home': 'Home',
  'nav.organisations': 'Organisations',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',

  'async.loading': 'Loading…',
  'async.errorTitle': 'Sorry, there is a problem',
  'async.errorAnnouncement': 'There was a problem loading this page.',
  'async.tryAgain': 'Try again',
  'async.reference':
    'If this keeps happening, contact your system administrator and give them this reference: {reference}',

  'error.network':
    'We could not reach Palermo, so nothing has been sent. Check your internet connection and try again.',
  'error.forbidden':
    'You do not have permission to do this. If you need it for your work, ask a system administrator in your organisation.',
  'error.notFound':
    'We could not find this. It may have been removed, or your account may not have access to it.',
  'error.server': 'Sorry, there is a problem with the service. Nothing has been saved. Try again later.',
  'error.serverWithReference':
    'Sorry, there is a problem with the service. Nothing has been saved. Try again later. If this keeps happening, give this reference to your system administrator: {reference}',

  'form.errorSummary.title': 'There is a problem',
  'form.errorPrefix': 'Error:',
  'form.optional': '(optional)',
  'form.sending': 'Sending…',
  'form.error.checkField': 'Check this answer',

  'banner.success': 'Success',
  'banner.important': 'Important',

  'common.notProvided': 'Not provided',
  'common.saveChanges': 'Save changes',
  'common.cancel': 'Cancel',

  'notFound.title': 'Page not found',
  'notFound.typed': 'If you typed the web address, check it is correct.',
  'notFound.pasted': 'If you pasted the web address, check you copied the entire address.',
  'notFound.noAccess':
    'If you followed a link and think you should be able to see this page, ask a system administrator in your organisation.',
  'notFound.home': 'Go to the home page',

  'noAccess.title': 'You cannot see this page',
  'noAccess.body': 'Your roles do not include access to this page.',
  'noAccess.whoGrants':
    'If you need it for your work, ask a system administrator in your organisation to change your roles.',

  'unavailable.title': 'Sorry, the service is unavailable',
  'unavailable.body': 'Palermo is not working at the moment. Try again later.',

  'home.title': 'Welcome to Palermo',
  'home.signedInAs':
    '{roleCount, plural, one {Your role at {organisation} is: {roles}.} other {Your roles at {organisation} are: {roles}.}}',
  'home.signedInNoRole':
    'Your account at {organisation} has no roles yet. Ask a system administrator in your organisation to give you the roles you need.',
  'home.role.system_administrator': 'As a system administrator, you manage organisations and user accounts.',
  'home.role.national_coordinator': 'As national coordinator, you oversee the national referral mechanism.',
  'home.role.national_rapporteur':
    'As national rapporteur, you follow the national figures and the action plan.',
  'home.role.case_worker': 'As a case worker, you support presumed victims through the referral mechanism.',
  'home.role.frontline_identifier':
    'As a front-line identifier, you screen people who may have been trafficked and refer them for support.',
  'home.role.shelter_staff':
    'As shelter staff, you receive referrals and look after the people staying with you.',
  'home.role.police_investigator': 'As a police investigator, you work on cases shared with the police.',
  'home.role.prosecutor': 'As a prosecutor, you work on cases referred for prosecution.',
  'home.role.labour_inspector': 'As a labour inspector, you report signs of labour exploitation.',
  'home.role.data_protection_officer':
    'As data protection officer, you check how personal data is used and shared.',
  'home.role.restricted_notice_officer': 'As restricted notice officer, you decide on restricted notices.',
  'home.role.auditor': 'As an auditor, you review the audit log.',
  'home.whatYouCanDo': 'What you can do',
  'home.organisations':
    'See the organisations that take part in the national referral mechanism and how to contact them.',
  'home.users': 'See who can sign in to Palermo, and their organisations and roles.',
  'home.audit': 'See who did what, and check that the record has not been changed.',
  'home.nothingYet':
    'There is nothing for your role here yet. More tools will appear here as they are added.',
};

const ro: Record<keyof typeof en, string> = {
  'title.page': '{title} – Palermo',
  'title.withError': 'Eroare: {title}',

  'shell.serviceName': 'Palermo',
  'shell.skipLink': 'Salt la conținutul principal',
  'shell.languageNav': 'Limba',
  'shell.mainNav': 'Meniu principal',
  'shell.signOut': 'Deconectare',
  'shell.footer': 'Palermo este o platformă deschisă pentru răspunsul național la traficul de persoane.',

  'nav.home': 'Acasă',
  'nav.organisations': 'Organizații',
  'nav.users': 'Utilizatori',
  'nav.audit': 'Jurnal de audit',

  'async.loading': 'Se încarcă…',
  'async.errorTitle': 'Ne pare rău, a apărut o problemă',
  'async.errorAnnouncement': 'A apărut o problemă la încărcarea acestei pagini.',
  'async.tryAgain': 'Încercați din nou',
  'async.reference':
    'Dacă problema persistă, contactați administratorul de sistem și comunicați-i această referință: {reference}',

  'error.network':
    'Nu am putut contacta Palermo, așa că nu s-a trimis nimic. Verificați conexiunea la internet și încercați din nou.',
  'error.forbidden':
    'Nu aveți permisiunea pentru această acțiune. Dacă aveți nevoie de ea pentru munca dumneavoastră, adresați-vă unui administrator de sistem din organizația dumneavoastră.',
  'error.notFound':
    'Nu am găsit această înregistrare. Este posibil să fi fost ștearsă sau contul dumneavoastră să nu aibă acces la ea.',
  'error.server': 'Ne pare rău, serviciul are o problemă. Nu s-a salvat nimic. Încercați din nou mai târziu.',
  'error.serverWithReference':
    'Ne pare rău, serviciul are o problemă. Nu s-a salvat nimic. Încercați din nou mai târziu. Dacă problema persistă, comunicați administratorului de sistem această referință: {reference}',

  'form.errorSummary.title': 'Există o problemă',
  'form.errorPrefix': 'Eroare:',
  'form.optional': '(opțional)',
  'form.sending': 'Se trimite…',
  'form.error.checkField': 'Verificați acest răspuns',

  'banner.success': 'Succes',
  'banner.important': 'De reținut',

  'common.notProvided': 'Necompletat',
  'common.saveChanges': 'Salvați modificările',
  'common.cancel': 'Anulați',

  'notFound.title': 'Pagina nu a fost găsită',
  'notFound.typed': 'Dacă ați introdus adresa manual, verificați dacă este corectă.',
  'notFound.pasted': 'Dacă ați lipit adresa, verificați dacă ați copiat-o în întregime.',
  'notFound.noAccess':
    'Dacă ați urmat un link și credeți că ar trebui să vedeți această pagină, adresați-vă unui administrator de sistem din organizația dumneavoastră.',
  'notFound.home': 'Mergeți la pagina de start',

  'noAccess.title': 'Nu puteți vedea această pagină',
  'noAccess.body': 'Rolurile dumneavoastră nu includ accesul la această pagină.',
  'noAccess.whoGrants':
    'Dacă aveți nevoie de ea pentru munca dumneavoastră, cereți unui administrator de sistem din organizația dumneavoastră să vă modifice rolurile.',

  'unavailable.title': 'Ne pare rău, serviciul nu este disponibil',
  'unavailable.body': 'Palermo nu funcționează momentan. Încercați din nou mai târziu.',

  'home.title': 'Bun venit în Palermo',
  'home.signedInAs':
    '{roleCount, plural, one {Rolul dumneavoastră la {organisation} este: {roles}.} other {Rolurile dumneavoastră la {organisation} sunt: {roles}.}}',
  'home.signedInNoRole':
    'Contul dumneavoastră la {organisation} nu are încă niciun rol. Cereți unui administrator de sistem din organizația dumneavoastră să vă atribuie rolurile de care aveți nevoie.',
  'home.role.system_administrator':
    'Ca administrator de sistem, gestionați organizațiile și conturile de utilizator.',
  'home.role.national_coordinator': 'Ca coordonator național, supravegheați mecanismul național de referire.',
  'home.role.national_rapporteur': 'Ca raportor național, urmăriți cifrele naționale și planul de acțiune.',
  'home.role.case_worker':
    'Ca manager de caz, sprijiniți presupusele victime pe parcursul mecanismului de referire.',
  'home.role.frontline_identifier':
    'Ca specialist în identificare, evaluați persoanele care ar putea fi victime ale traficului și le îndrumați către sprijin.',
  'home.role.shelter_staff':
    'Ca personal al unui adăpost, primiți referiri și aveți grijă de persoanele găzduite.',
  'home.role.police_investigator': 'Ca investigator de poliție, lucrați la cazurile partajate cu poliția.',
  'home.role.prosecutor': 'Ca procuror, lucrați la cazurile trimise spre urmărire penală.',
  'home.role.labour_inspector': 'Ca inspector de muncă, semnalați indiciile de exploatare prin muncă.',
  'home.role.data_protection_officer':
    'Ca responsabil cu protecția datelor, verificați cum sunt folosite și partajate datele personale.',
  'home.role.restricted_notice_officer':
    'Ca ofițer pentru notificări restricționate, decideți asupra notificărilor restricționate.',
  'home.role.auditor': 'Ca auditor, examinați jurnalul de audit.',
  'home.whatYouCanDo': 'Ce puteți face',
  'home.organisations':
    'Vedeți organizațiile care participă la mecanismul național de referire și cum le puteți contacta.',
  'home.users': 'Vedeți cine se poate conecta la Palermo, împreună cu organizațiile și rolurile lor.',
  'home.audit': 'Vedeți cine ce a făcut și verificați că jurnalul nu a fost modificat.',
  'home.nothingYet':
    'Deocamdată nu există nimic aici pentru rolul dumneavoastră. Vor apărea mai multe instrumente pe măsură ce sunt adăugate.',
};

export const messages = { en, ro };
