import {
  type Indicator,
  type LocalisedText,
  type Question,
  type QuestionnaireSection,
  QuestionnaireSet,
  type ScreenedForm,
} from './questionnaire.js';

// The questionnaires every installation starts with: one for adults, one for children, in English
// and Romanian. They follow the Palermo Protocol definition (act, means, purpose) and, for labour,
// the eleven ILO indicators of forced labour (ILO, "Indicators of forced labour", 2012: abuse of
// vulnerability, deception, restriction of movement, isolation, physical and sexual violence,
// intimidation and threats, retention of identity documents, withholding of wages, debt bondage,
// abusive working and living conditions, excessive overtime); the ILO definition of forced labour
// itself is quoted at 002 l. 148. Questions are for the front-line worker to answer from what they
// see and are told, calmly and without judging; none asks for a name or other personal data, and
// none is free text, so an anonymous intake stays anonymous (decision 0015). A country adapts
// them by publishing a new version, never by editing these.

type Tag = [Indicator['element'], Indicator['strength'], ScreenedForm?];

const text = (en: string, ro: string): LocalisedText => ({ en, ro });
const indicator = ([element, strength, form]: Tag): Indicator =>
  form === undefined ? { element, strength } : { element, strength, form };

/** A required yes / no / not sure question; "yes" records the indicator, if it has one. */
const ask = (id: string, tag: Tag | null, en: string, ro: string, hint?: LocalisedText): Question => ({
  id,
  kind: 'yes_no_unsure',
  required: true,
  text: text(en, ro),
  ...(hint ? { hint } : {}),
  ...(tag ? { indicator: indicator(tag) } : {}),
});

const section = (id: string, title: LocalisedText, questions: Question[]): QuestionnaireSection => ({
  id,
  title,
  questions,
});

const othersInSameSituation: Question = {
  id: 'others_in_same_situation',
  kind: 'number',
  required: false,
  text: text(
    'How many other people seem to be in the same situation, as far as you know?',
    'Câte alte persoane par să fie în aceeași situație, din câte știți?',
  ),
  hint: text('Leave it empty if you do not know.', 'Lăsați câmpul gol dacă nu știți.'),
};

const wantsHelp = ask(
  'wants_help',
  null,
  'Does the person say they want help to leave their situation?',
  'Spune persoana că dorește ajutor pentru a ieși din situația în care se află?',
  text(
    'Assistance never depends on this answer or on co-operation with the authorities.',
    'Asistența nu depinde niciodată de acest răspuns sau de cooperarea cu autoritățile.',
  ),
);

// --- Adults ---------------------------------------------------------------------------------

export const adultScreeningSet: QuestionnaireSet = QuestionnaireSet.parse({
  id: 'adult_screening',
  version: 1,
  audience: 'adult',
  title: text(
    'Screening for indicators of trafficking: adults',
    'Evaluare inițială a indicatorilor de trafic: adulți',
  ),
  ageQuestionId: 'under_18',
  sections: [
    section('about_the_person', text('About the person', 'Despre persoană'), [
      ask(
        'under_18',
        null,
        'Is the person under 18?',
        'Are persoana sub 18 ani?',
        text(
          'If you are not sure, answer "Not sure": the person will be screened as a child.',
          'Dacă nu sunteți sigur, răspundeți „Nu știu sigur”: persoana va fi evaluată ca un copil.',
        ),
      ),
      {
        id: 'work_sector',
        kind: 'multi',
        required: false,
        text: text(
          'Where does the person work or spend their days?',
          'Unde lucrează sau își petrece zilele persoana?',
        ),
        hint: text('Choose all that apply.', 'Alegeți toate variantele potrivite.'),
        options: [
          { id: 'agriculture', text: text('Agriculture or fishing', 'Agricultură sau pescuit') },
          { id: 'construction', text: text('Construction', 'Construcții') },
          { id: 'factory', text: text('Factory or warehouse', 'Fabrică sau depozit') },
          {
            id: 'hospitality',
            text: text('Hotels, bars or restaurants', 'Hoteluri, baruri sau restaurante'),
          },
          { id: 'private_household', text: text('A private household', 'O gospodărie privată') },
          {
            id: 'sex_industry',
            text: text('Sex industry or escort work', 'Industria sexului sau servicii de companie'),
          },
          { id: 'street', text: text('On the street', 'Pe stradă') },
          { id: 'other_work', text: text('Somewhere else', 'În altă parte') },
          { id: 'not_working', text: text('The person does not work', 'Persoana nu lucrează') },
        ],
      },
    ]),
    section('how_they_came', text('How the person came to be here', 'Cum a ajuns persoana aici'), [
      ask(
        'recruited_with_offer',
        ['act', 'medium'],
        'Was the person offered a job, a marriage or another opportunity that brought them to where they are now?',
        'I s-a oferit persoanei un loc de muncă, o căsătorie sau o altă oportunitate care a adus-o acolo unde se află acum?',
      ),
      ask(
        'travel_arranged_by_others',
        ['act', 'medium'],
        "Did someone else organise or pay for the person's travel or move?",
        'A organizat sau a plătit altcineva călătoria ori mutarea persoanei?',
      ),
      ask(
        'housed_by_employer',
        ['act', 'medium'],
        'Does the person live where the employer or another person decides, such as at the workplace?',
        'Locuiește persoana acolo unde decide angajatorul sau o altă persoană, de exemplu la locul de muncă?',
      ),
      ask(
        'handed_over',
        ['act', 'strong'],
        'Was the person handed over, sold or passed on from one person to another?',
        'A fost persoana predată, vândută sau transmisă de la o persoană la alta?',
      ),
    ]),
    section('control', text('Control over the person', 'Controlul asupra persoanei'), [
      ask(
        'deceived',
        ['means', 'medium'],
        'Are the work or living conditions different from what the person was promised?',
        'Sunt condițiile de muncă sau de viață diferite de cele promise persoanei?',
      ),
      ask(
        'vulnerability_abused',
        ['means', 'medium'],
        "Does someone take advantage of the person's situation, such as having no papers, not speaking the language, an addiction or nowhere else to go?",
        'Profită cineva de situația persoanei, de exemplu de lipsa actelor, de faptul că nu vorbește limba, de o dependență sau de faptul că nu are unde să meargă?',
      ),
      ask(
        'movement_restricted',
        ['means', 'strong'],
        'Is the person unable to come and go freely, or always accompanied?',
        'Este persoana împiedicată să plece și să vină liber sau este mereu însoțită?',
      ),
      ask(
        'isolated',
        ['means', 'medium'],
        'Is the person kept from contact with family, friends or other people?',
        'Este persoana împiedicată să ia legătura cu familia, prietenii sau alte persoane?',
      ),
      ask(
        'violence',
        ['means', 'strong'],
        'Has the person suffered physical or sexual violence from the people they work for or live with?',
        'A suferit persoana violență fizică sau sexuală din partea celor pentru care lucrează sau cu care locuiește?',
      ),
      ask(
        'threatened',
        ['means', 'strong'],
        'Have the person or their family been threatened, for example with violence or with being reported to the police or immigration?',
        'Au fost persoana sau familia sa amenințate, de exemplu cu violența sau cu denunțarea la poliție ori la autoritățile de imigrări?',
      ),
      ask(
        'documents_retained',
        ['means', 'strong'],
        "Does someone else keep the person's passport or identity papers and refuse to give them back?",
        'Păstrează altcineva pașaportul sau actele de identitate ale persoanei și refuză să i le dea înapoi?',
      ),
      ask(
        'wages_withheld',
        ['means', 'medium', 'forced_labour'],
        "Are the person's earnings kept from them, taken away, or much lower than promised?",
        'Îi sunt reținute sau luate persoanei câștigurile ori sunt mult mai mici decât i s-a promis?',
      ),
      ask(
        'debt_bondage',
        ['means', 'strong', 'forced_labour'],
        'Does the person owe a debt to the people they work for, for travel, housing or other costs, that they cannot pay off?',
        'Are persoana o datorie față de cei pentru care lucrează, pentru călătorie, cazare sau alte costuri, pe care nu o poate achita?',
      ),
    ]),
    section(
      'exploitation',
      text('The work and what the person is made to do', 'Munca și ce este obligată persoana să facă'),
      [
        ask(
          'abusive_conditions',
          ['purpose', 'medium', 'forced_labour'],
          'Are the working or living conditions degrading, dangerous or unhealthy?',
          'Sunt condițiile de muncă sau de locuire degradante, periculoase sau nesănătoase?',
        ),
        ask(
          'excessive_overtime',
          ['purpose', 'medium', 'forced_labour'],
          'Does the person work very long hours or without days off, without being able to refuse?',
          'Lucrează persoana foarte multe ore sau fără zile libere, fără să poată refuza?',
        ),
        ask(
          'cannot_leave_work',
          ['purpose', 'strong', 'forced_labour'],
          'Would the person be unable to leave this work if they wanted to?',
          'Ar fi persoana în imposibilitatea de a renunța la această muncă dacă ar dori?',
        ),
        ask(
          'sexual_services',
          ['purpose', 'strong', 'sexual_exploitation'],
          'Is the person made to provide sexual services, or to appear in sexual images or videos?',
          'Este persoana obligată să presteze servicii sexuale sau să apară în imagini ori filme cu caracter sexual?',
        ),
        ask(
          'sex_earnings_taken',
          ['purpose', 'medium', 'sexual_exploitation'],
          'Does someone else take most of the money the person receives for sexual services?',
          'Ia altcineva cea mai mare parte din banii pe care persoana îi primește pentru servicii sexuale?',
        ),
        ask(
          'forced_begging',
          ['purpose', 'strong', 'forced_begging'],
          'Is the person made to beg and to hand over the money?',
          'Este persoana obligată să cerșească și să predea banii?',
        ),
        ask(
          'forced_criminality',
          ['purpose', 'strong', 'forced_criminal_activity'],
          'Is the person made to commit offences, such as theft, selling drugs or fraud?',
          'Este persoana obligată să comită infracțiuni, cum ar fi furtul, vânzarea de droguri sau frauda?',
          text(
            'A victim must not be punished for offences they were made to commit.',
            'O victimă nu trebuie pedepsită pentru infracțiunile pe care a fost obligată să le comită.',
          ),
        ),
        ask(
          'domestic_servitude',
          ['purpose', 'medium', 'domestic_servitude'],
          'Does the person work in a private household with no set hours, no pay or no time of their own?',
          'Lucrează persoana într-o gospodărie privată fără program stabilit, fără plată sau fără timp liber?',
        ),
        ask(
          'forced_marriage',
          ['purpose', 'strong', 'forced_marriage'],
          'Was the person married, or promised in marriage, without their free and full consent?',
          'A fost persoana căsătorită sau promisă în căsătorie fără consimțământul său liber și deplin?',
        ),
      ],
    ),
    section('closing', text('Before you finish', 'Înainte de a încheia'), [othersInSameSituation, wantsHelp]),
  ],
});

// --- Children -------------------------------------------------------------------------------

export const childScreeningSet: QuestionnaireSet = QuestionnaireSet.parse({
  id: 'child_screening',
  version: 1,
  audience: 'child',
  title: text(
    'Screening for indicators of trafficking: children',
    'Evaluare inițială a indicatorilor de trafic: copii',
  ),
  sections: [
    section('how_they_came', text('How the child came to be here', 'Cum a ajuns copilul aici'), [
      ask(
        'with_unrelated_adult',
        ['act', 'medium'],
        'Is the child travelling or living with an adult who is not a parent or legal guardian?',
        'Călătorește sau locuiește copilul cu un adult care nu este părinte sau tutore legal?',
      ),
      ask(
        'travel_arranged_by_others',
        ['act', 'medium'],
        "Did someone other than a parent organise or pay for the child's travel or move?",
        'A organizat sau a plătit altcineva decât un părinte călătoria ori mutarea copilului?',
      ),
      ask(
        'recruited_with_promise',
        ['act', 'medium'],
        'Were the child or their family promised work, school, marriage or a better life to get the child to come here?',
        'Li s-a promis copilului sau familiei sale un loc de muncă, școală, o căsătorie sau o viață mai bună pentru ca acesta să vină aici?',
      ),
      ask(
        'handed_over',
        ['act', 'strong'],
        'Was the child given, sold or sent to someone else in exchange for money or a favour?',
        'A fost copilul dat, vândut sau trimis altcuiva în schimbul unor bani sau al unei favoruri?',
      ),
      ask(
        'housed_where_exploited',
        ['act', 'medium'],
        'Is the child kept or housed by an adult at the place where they work?',
        'Este copilul ținut sau cazat de un adult la locul unde muncește?',
      ),
    ]),
    section('control', text('Control over the child', 'Controlul asupra copilului'), [
      ask(
        'adult_speaks_for_child',
        ['means', 'medium'],
        'Does an adult seem to control what the child says or does, for example by answering for them?',
        'Pare un adult să controleze ce spune sau ce face copilul, de exemplu răspunzând în locul lui?',
      ),
      ask(
        'documents_retained',
        ['means', 'strong'],
        "Does an adult who is not a parent keep the child's identity papers, or does the child have false papers?",
        'Păstrează un adult care nu este părinte actele de identitate ale copilului sau are copilul acte false?',
      ),
      ask(
        'movement_restricted',
        ['means', 'strong'],
        'Is the child unable to come and go freely, or always accompanied by the same adult?',
        'Este copilul împiedicat să plece și să vină liber sau este mereu însoțit de același adult?',
      ),
      ask(
        'violence_or_threats',
        ['means', 'strong'],
        'Has the child suffered violence or threats, or does the child seem afraid of an adult?',
        'A suferit copilul violență sau amenințări ori pare să se teamă de un adult?',
      ),
      ask(
        'debt',
        ['means', 'medium', 'forced_labour'],
        'Does the child or their family owe money to the people the child works or lives with?',
        'Datorează copilul sau familia sa bani celor cu care copilul muncește sau locuiește?',
      ),
      ask(
        'earnings_taken',
        ['means', 'medium'],
        'Does someone take the money the child earns or is given?',
        'Ia cineva banii pe care copilul îi câștigă sau îi primește?',
      ),
    ]),
    section('exploitation', text('What the child is made to do', 'Ce este obligat copilul să facă'), [
      ask(
        'works_for_others',
        ['purpose', 'medium', 'forced_labour'],
        'Does the child work, or earn money for someone else?',
        'Muncește copilul sau câștigă bani pentru altcineva?',
      ),
      ask(
        'hazardous_work',
        ['purpose', 'strong', 'forced_labour'],
        "Is the work dangerous, at night or too hard for the child's age, or does it keep the child out of school?",
        'Este munca periculoasă, pe timp de noapte sau prea grea pentru vârsta copilului ori îl ține pe copil departe de școală?',
      ),
      ask(
        'long_hours',
        ['purpose', 'medium', 'forced_labour'],
        'Does the child work long hours or without days off?',
        'Muncește copilul multe ore sau fără zile libere?',
      ),
      ask(
        'forced_begging',
        ['purpose', 'strong', 'forced_begging'],
        'Is the child made to beg or sell small items on the street and hand over the money?',
        'Este copilul obligat să cerșească sau să vândă mărunțișuri pe stradă și să predea banii?',
      ),
      ask(
        'forced_criminality',
        ['purpose', 'strong', 'forced_criminal_activity'],
        'Is the child made to steal, carry or sell drugs, or commit other offences?',
        'Este copilul obligat să fure, să transporte sau să vândă droguri ori să comită alte infracțiuni?',
        text(
          'A child made to commit offences is first of all a child in need of protection.',
          'Un copil obligat să comită infracțiuni este în primul rând un copil care are nevoie de protecție.',
        ),
      ),
      ask(
        'sexual_exploitation',
        ['purpose', 'strong', 'sexual_exploitation'],
        'Is there any sign that the child is involved in sexual activity for money, goods, shelter or anything else, or in sexual images?',
        'Există vreun semn că copilul este implicat în activități sexuale în schimbul banilor, bunurilor, adăpostului sau al altor lucruri ori în imagini cu caracter sexual?',
      ),
      ask(
        'unexplained_gifts',
        ['purpose', 'weak', 'sexual_exploitation'],
        "Does the child have money, a phone, clothes or gifts they cannot explain, or a much older 'boyfriend' or 'girlfriend'?",
        'Are copilul bani, telefon, haine sau cadouri pe care nu le poate explica ori un „prieten” sau o „prietenă” mult mai în vârstă?',
      ),
      ask(
        'domestic_servitude',
        ['purpose', 'strong', 'domestic_servitude'],
        'Does the child do housework for a family that is not their own, without going to school?',
        'Face copilul treburi casnice pentru o familie care nu este a sa, fără să meargă la școală?',
      ),
      ask(
        'married_or_promised',
        ['purpose', 'strong', 'forced_marriage'],
        'Is the child married, engaged, or about to be married?',
        'Este copilul căsătorit, logodit sau pe cale să fie căsătorit?',
      ),
    ]),
    section('closing', text('Before you finish', 'Înainte de a încheia'), [
      {
        ...othersInSameSituation,
        text: text(
          'How many other children seem to be in the same situation, as far as you know?',
          'Câți alți copii par să fie în aceeași situație, din câte știți?',
        ),
      },
      ask(
        'wants_help',
        null,
        'Does the child say they want help or somewhere safe to stay?',
        'Spune copilul că dorește ajutor sau un loc sigur unde să stea?',
        text(
          "A child's protection never depends on this answer.",
          'Protecția copilului nu depinde niciodată de acest răspuns.',
        ),
      ),
    ]),
  ],
});

/** Every version ever published, old ones included: a screening is decided against its own. */
export const builtinQuestionnaireSets: readonly QuestionnaireSet[] = [adultScreeningSet, childScreeningSet];
