/**
 * Synthetic cross-border registrations for measuring record linkage (issue 5, acceptance 7).
 * Two agencies register overlapping sets of people; the second copy of a person shows the
 * corruptions real cross-border records show: a Cyrillic name written in Cyrillic or romanised by
 * another standard, dropped diacritics, typos, given and family name swapped, a year-only or
 * missing date with an age estimate, day and month swapped, a married name, missing fields. Hard
 * negatives are relatives who are different people: siblings and twins sharing family name,
 * birthplace and nationality, and parents.
 *
 * Every name here is from synthetic lists of common given and family names: no record describes a
 * real person. Seeded: the same seed gives the same files.
 *
 *   node --import tsx bench/linkage/generate.ts --persons 1000 --seed 1 --out /tmp/linkage
 *   → /tmp/linkage/left.csv, right.csv, truth.csv
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/tracing/fellegi-sunter.js';
import { type TransliterationSystem, transliterate } from '../../src/tracing/transliteration.js';

type Origin = 'ua' | 'ru' | 'bg' | 'sr' | 'ro' | 'al' | 'ng' | 'vn' | 'md';

interface NameList {
  nationality: string;
  cyrillic: boolean;
  male: string[];
  female: string[];
  family: string[];
  /** Feminine form of a family name (Russian/Bulgarian -ov → -ova). */
  feminine?: (family: string) => string;
  places: string[];
  systems?: TransliterationSystem[];
  /** Synthetic family names are also made from a root and a suffix, for a realistic spread. */
  roots: string[];
  suffixes: string[];
}

const slavicFeminine = (family: string) =>
  /(ов|ев|ин|ёв)$/u.test(family) ? `${family}а` : family.endsWith('ски') ? `${family.slice(0, -1)}а` : family;
const cyrillicRoots = [
  'Бон',
  'Кова',
  'Лит',
  'Мар',
  'Пет',
  'Сав',
  'Тка',
  'Хар',
  'Гон',
  'Дор',
  'Жук',
  'Зор',
  'Кир',
  'Лаз',
  'Мир',
  'Нов',
  'Рад',
  'Сид',
  'Тар',
  'Фед',
  'Шап',
  'Ярм',
  'Бел',
  'Вол',
  'Гор',
  'Дан',
  'Ив',
  'Кос',
  'Луч',
  'Мел',
  'Остр',
  'Прох',
  'Рыб',
  'Сем',
  'Тим',
  'Чер',
  'Щерб',
  'Юр',
];
const latinRoots = (roots: string) => roots.split(' ');

const lists: Record<Origin, NameList> = {
  ua: {
    nationality: 'UKR',
    cyrillic: true,
    male: [
      'Олександр',
      'Андрій',
      'Дмитро',
      'Сергій',
      'Юрій',
      'Богдан',
      'Тарас',
      'Микола',
      'Іван',
      'Василь',
      'Євген',
      'Максим',
      'Олег',
      'Петро',
      'Ярослав',
    ],
    female: [
      'Олена',
      'Оксана',
      'Наталія',
      'Ірина',
      'Тетяна',
      'Юлія',
      'Катерина',
      'Світлана',
      'Галина',
      'Марія',
      'Анна',
      'Людмила',
      'Вікторія',
      'Христина',
      'Соломія',
    ],
    family: [
      'Шевченко',
      'Коваленко',
      'Бондаренко',
      'Ткаченко',
      'Кравченко',
      'Олійник',
      'Шевчук',
      'Поліщук',
      'Бойко',
      'Ткачук',
      'Мельник',
      'Коваль',
      'Лисенко',
      'Гнатюк',
      'Савчук',
      'Руденко',
      'Марченко',
      'Мороз',
      'Павленко',
      'Харченко',
      'Зінченко',
      'Яковенко',
      'Кушнір',
      'Литвиненко',
      'Захарченко',
    ],
    places: [
      'Київ',
      'Харків',
      'Одеса',
      'Львів',
      'Житомир',
      'Чернівці',
      'Херсон',
      'Миколаїв',
      'Вінниця',
      'Ужгород',
    ],
    systems: ['icao-9303', 'ukraine-2010', 'russia-bgn-pcgn', 'serbia-latin'],
    roots: cyrillicRoots,
    suffixes: ['енко', 'чук', 'ук', 'як', 'ець', 'ишин'],
  },
  ru: {
    nationality: 'RUS',
    cyrillic: true,
    male: [
      'Алексей',
      'Дмитрий',
      'Сергей',
      'Андрей',
      'Михаил',
      'Николай',
      'Владимир',
      'Евгений',
      'Артём',
      'Кирилл',
      'Григорий',
      'Фёдор',
      'Илья',
      'Павел',
      'Роман',
    ],
    female: [
      'Елена',
      'Ольга',
      'Наталья',
      'Татьяна',
      'Юлия',
      'Екатерина',
      'Анастасия',
      'Ксения',
      'Дарья',
      'Людмила',
      'Светлана',
      'Жанна',
      'Валентина',
      'Ирина',
      'Софья',
    ],
    family: [
      'Иванов',
      'Смирнов',
      'Кузнецов',
      'Попов',
      'Соколов',
      'Лебедев',
      'Козлов',
      'Новиков',
      'Морозов',
      'Волков',
      'Соловьёв',
      'Васильев',
      'Зайцев',
      'Павлов',
      'Семёнов',
      'Голубев',
      'Виноградов',
      'Богданов',
      'Воробьёв',
      'Фёдоров',
      'Михайлов',
      'Беляев',
      'Тарасов',
      'Белов',
      'Комаров',
    ],
    feminine: slavicFeminine,
    places: ['Москва', 'Ростов-на-Дону', 'Воронеж', 'Курск', 'Белгород', 'Краснодар', 'Самара', 'Тверь'],
    systems: ['icao-9303', 'russia-bgn-pcgn', 'ukraine-2010'],
    roots: cyrillicRoots,
    suffixes: ['ов', 'ев', 'ин', 'аков', 'енков'],
  },
  bg: {
    nationality: 'BGR',
    cyrillic: true,
    male: [
      'Георги',
      'Иван',
      'Димитър',
      'Николай',
      'Петър',
      'Христо',
      'Стефан',
      'Тодор',
      'Йордан',
      'Васил',
      'Атанас',
      'Калоян',
      'Стоян',
      'Борислав',
      'Цветан',
    ],
    female: [
      'Мария',
      'Иванка',
      'Елена',
      'Йорданка',
      'Пенка',
      'Цветелина',
      'Десислава',
      'Гергана',
      'Радослава',
      'Петя',
      'Надежда',
      'Зорница',
      'Милена',
      'Виктория',
      'Стефка',
    ],
    family: [
      'Иванов',
      'Георгиев',
      'Димитров',
      'Петров',
      'Николов',
      'Христов',
      'Стоянов',
      'Тодоров',
      'Илиев',
      'Василев',
      'Атанасов',
      'Петков',
      'Ангелов',
      'Колев',
      'Йорданов',
      'Маринов',
      'Цветков',
      'Попов',
      'Костов',
      'Русев',
    ],
    feminine: slavicFeminine,
    places: ['София', 'Пловдив', 'Варна', 'Бургас', 'Русе', 'Сливен', 'Шумен', 'Видин'],
    systems: ['bulgaria-2009', 'icao-9303', 'russia-bgn-pcgn'],
    roots: cyrillicRoots,
    suffixes: ['ов', 'ев', 'ски', 'чев'],
  },
  sr: {
    nationality: 'SRB',
    cyrillic: true,
    male: [
      'Милош',
      'Никола',
      'Стефан',
      'Лазар',
      'Марко',
      'Душан',
      'Ђорђе',
      'Немања',
      'Вук',
      'Жарко',
      'Бранислав',
      'Драган',
      'Зоран',
      'Милан',
      'Јован',
    ],
    female: [
      'Милица',
      'Јована',
      'Ана',
      'Јелена',
      'Драгана',
      'Ивана',
      'Снежана',
      'Тијана',
      'Невена',
      'Марија',
      'Катарина',
      'Весна',
      'Љиљана',
      'Гордана',
      'Бојана',
    ],
    family: [
      'Јовановић',
      'Петровић',
      'Николић',
      'Марковић',
      'Ђорђевић',
      'Стојановић',
      'Илић',
      'Станковић',
      'Павловић',
      'Милошевић',
      'Живковић',
      'Тодоровић',
      'Јанковић',
      'Ђурић',
      'Љубичић',
      'Шарац',
      'Вукчевић',
      'Ћосић',
      'Радовановић',
      'Лукић',
    ],
    places: ['Београд', 'Нови Сад', 'Ниш', 'Крагујевац', 'Суботица', 'Чачак', 'Шабац', 'Врање'],
    systems: ['serbia-latin', 'icao-9303', 'russia-bgn-pcgn'],
    roots: cyrillicRoots,
    suffixes: ['ић', 'овић', 'евић', 'ац'],
  },
  ro: {
    nationality: 'ROU',
    cyrillic: false,
    male: [
      'Andrei',
      'Ionuț',
      'Mihai',
      'Ștefan',
      'Alexandru',
      'Gheorghe',
      'Constantin',
      'Florin',
      'Răzvan',
      'Cătălin',
      'Vasile',
      'Dumitru',
      'Marius',
      'Bogdan',
      'Sorin',
    ],
    female: [
      'Ioana',
      'Elena',
      'Maria',
      'Andreea',
      'Alexandra',
      'Cristina',
      'Mihaela',
      'Ana-Maria',
      'Răzvana',
      'Ștefania',
      'Loredana',
      'Georgiana',
      'Roxana',
      'Simona',
      'Florentina',
    ],
    family: [
      'Popescu',
      'Ionescu',
      'Popa',
      'Pop',
      'Stan',
      'Dumitrescu',
      'Dima',
      'Munteanu',
      'Ștefănescu',
      'Constantinescu',
      'Niță',
      'Stoica',
      'Gheorghiu',
      'Rădulescu',
      'Lungu',
      'Mocanu',
      'Țurcanu',
      'Căpraru',
      'Bălan',
      'Matei',
    ],
    places: ['București', 'Iași', 'Constanța', 'Craiova', 'Timișoara', 'Brăila', 'Galați', 'Bacău'],
    roots: latinRoots(
      'Pop Ion Stan Rad Dum Nic Mar Tud Vas Gheorgh Mih Cost Băl Dob Flor Ciob Sârb Văduv Croit Olt',
    ),
    suffixes: ['escu', 'eanu', 'ache', 'aru', 'oiu'],
  },
  md: {
    nationality: 'MDA',
    cyrillic: false,
    male: ['Ion', 'Vasile', 'Sergiu', 'Victor', 'Nicolae', 'Dorin', 'Vadim', 'Eugen', 'Igor', 'Petru'],
    female: [
      'Ana',
      'Natalia',
      'Tatiana',
      'Olga',
      'Svetlana',
      'Doina',
      'Cristina',
      'Lilia',
      'Nadejda',
      'Valentina',
    ],
    family: [
      'Rusu',
      'Ceban',
      'Ciobanu',
      'Țurcan',
      'Lungu',
      'Cojocaru',
      'Munteanu',
      'Sârbu',
      'Rotaru',
      'Guțu',
      'Bivol',
      'Căldare',
    ],
    places: ['Chișinău', 'Bălți', 'Cahul', 'Orhei', 'Soroca', 'Ungheni'],
    roots: latinRoots('Rus Ceb Ciob Țurc Lung Cojoc Munt Sârb Rot Guț Biv Cald Grec Moc Pasc'),
    suffixes: ['u', 'an', 'anu', 'aru', 'escu'],
  },
  al: {
    nationality: 'ALB',
    cyrillic: false,
    male: [
      'Arben',
      'Besnik',
      'Dritan',
      'Ermal',
      'Gëzim',
      'Ilir',
      'Klodian',
      'Luan',
      'Mërgim',
      'Shpëtim',
      'Ardit',
      'Erion',
    ],
    female: [
      'Arta',
      'Blerina',
      'Dorina',
      'Elira',
      'Fatjona',
      'Jonida',
      'Klea',
      'Mimoza',
      'Rudina',
      'Shqipe',
      'Valbona',
      'Xhensila',
    ],
    family: [
      'Hoxha',
      'Shehu',
      'Leka',
      'Gjoka',
      'Krasniqi',
      'Berisha',
      'Dervishi',
      'Çela',
      'Meta',
      'Xhafa',
      'Kola',
      'Marku',
      'Gjergji',
      'Bushati',
      'Dushku',
    ],
    places: ['Tiranë', 'Durrës', 'Shkodër', 'Elbasan', 'Vlorë', 'Korçë', 'Fier', 'Berat'],
    roots: latinRoots('Hox Shk Ler Dem Kal Berish Gjon Pren Mark Lek Dod Ram Bajr Çel Zen'),
    suffixes: ['a', 'aj', 'i', 'ku', 'ollari', 'ja'],
  },
  ng: {
    nationality: 'NGA',
    cyrillic: false,
    male: [
      'Chinedu',
      'Emeka',
      'Oluwaseun',
      'Tunde',
      'Ibrahim',
      'Uchenna',
      'Babatunde',
      'Obinna',
      'Kelechi',
      'Femi',
      'Segun',
      'Nnamdi',
      'Adewale',
    ],
    female: [
      'Blessing',
      'Chioma',
      'Ngozi',
      'Adaeze',
      'Funmilayo',
      'Aisha',
      'Oluwakemi',
      'Precious',
      'Joy',
      'Efosa',
      'Osasere',
      'Nkechi',
      'Yetunde',
    ],
    family: [
      'Okafor',
      'Adeyemi',
      'Okonkwo',
      'Eze',
      'Obi',
      'Nwosu',
      'Osagie',
      'Igbinedion',
      'Ogunleye',
      'Adebayo',
      'Oyelaran',
      'Edosomwan',
      'Uwaifo',
      'Ekpo',
      'Balogun',
    ],
    places: ['Benin City', 'Lagos', 'Edo', 'Abuja', 'Enugu', 'Ibadan', 'Port Harcourt', 'Warri'],
    roots: latinRoots('Ade Olu Oke Chi Nwa Obi Uche Ige Efe Osa Ogun Ayo Ebe Izu Oma'),
    suffixes: ['bayo', 'nkwo', 'wole', 'nedu', 'kwe', 'mide', 'gie', 'dion', 'for', 'dele'],
  },
  vn: {
    nationality: 'VNM',
    cyrillic: false,
    male: [
      'Văn Hùng',
      'Minh Tuấn',
      'Đức Anh',
      'Quang Huy',
      'Thành Long',
      'Văn Nam',
      'Hoàng Long',
      'Tiến Dũng',
    ],
    female: [
      'Thị Lan',
      'Thị Hương',
      'Ngọc Anh',
      'Thu Trang',
      'Thị Mai',
      'Phương Linh',
      'Thanh Hà',
      'Thị Hoa',
    ],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'],
    places: ['Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Hải Phòng', 'Thanh Hóa', 'Hà Nội'],
    roots: [],
    suffixes: [],
  },
};

const origins = Object.keys(lists) as Origin[];

interface Person {
  origin: Origin;
  given: string;
  family: string;
  /** Family name before marriage, when the person married (women only, as registered later). */
  birthFamily: string;
  sex: 'M' | 'F';
  year: number;
  month: number;
  day: number;
  place: string;
}

export interface LinkageRow {
  id: string;
  given_name: string;
  family_name: string;
  sex: string;
  birth_date: string;
  age_estimate: string;
  nationality: string;
  birth_place: string;
}

export const linkageColumns = [
  'id',
  'given_name',
  'family_name',
  'sex',
  'birth_date',
  'age_estimate',
  'nationality',
  'birth_place',
] as const;

export interface GeneratedLinkage {
  left: LinkageRow[];
  right: LinkageRow[];
  /** True matches as `${leftId}\t${rightId}`. */
  truth: Set<string>;
  /** The date age estimates were made on; pass it to the matcher as the reference date. */
  referenceDate: string;
}

export interface GenerateOptions {
  seed: number;
  /** People registered in the left file. */
  persons: number;
  /** Share of left people registered again in the right file. Default 0.5. */
  overlap?: number;
  /** How hard the second registration is corrupted, 0–1. Default 1 (the rates below). */
  corruption?: number;
}

export const REFERENCE_DATE = '2025-06-01';
const REFERENCE_YEAR = 2025;

/** Generate two overlapping registers with known true matches. */
export function generateLinkage(options: GenerateOptions): GeneratedLinkage {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (probability: number) => random() < probability * (options.corruption ?? 1);
  const overlap = options.overlap ?? 0.5;

  const familyName = (list: NameList, family: string, sex: 'M' | 'F') =>
    sex === 'F' && list.feminine ? list.feminine(family) : family;

  const aPerson = (): Person => {
    const origin = pick(origins);
    const list = lists[origin];
    const sex = random() < 0.6 ? 'F' : 'M';
    const stem =
      list.roots.length > 0 && random() < 0.6 ? pick(list.roots) + pick(list.suffixes) : pick(list.family);
    const family = familyName(list, stem, sex);
    return {
      origin,
      given:
        origin === 'vn'
          ? `${pick(sex === 'F' ? ['Thị', 'Ngọc', 'Thu', 'Phương', 'Thanh'] : ['Văn', 'Minh', 'Đức', 'Quang', 'Hữu'])} ${pick((sex === 'F' ? list.female : list.male).map((name) => name.split(' ')[1]!))}`
          : pick(sex === 'F' ? list.female : list.male),
      family,
      birthFamily: family,
      sex,
      year: 1975 + Math.floor(random() * 35),
      month: 1 + Math.floor(random() * 12),
      day: 1 + Math.floor(random() * 28),
      place: pick(list.places),
    };
  };

  /** A relative: a sibling (sometimes a twin) or a parent, sharing family name and birthplace. */
  const aRelative = (of: Person): Person => {
    const list = lists[of.origin];
    const sex = random() < 0.5 ? 'F' : 'M';
    const base = of.birthFamily.replace(/а$/u, '');
    const family = familyName(list, list.feminine ? base : of.birthFamily, sex);
    const kind = random();
    const twin = kind < 0.2;
    const parent = kind > 0.7;
    let given = pick(sex === 'F' ? list.female : list.male);
    if (given === of.given) given = pick(sex === 'F' ? list.female : list.male);
    return {
      ...of,
      given,
      sex,
      family,
      birthFamily: family,
      year: twin
        ? of.year
        : parent
          ? of.year - 20 - Math.floor(random() * 15)
          : of.year + (random() < 0.5 ? -2 : 3),
      month: twin ? of.month : 1 + Math.floor(random() * 12),
      day: twin ? of.day : 1 + Math.floor(random() * 28),
    };
  };

  const romanise = (text: string, list: NameList, asWritten: boolean): string => {
    if (!list.cyrillic) return text;
    if (asWritten) return text;
    return transliterate(text, pick(list.systems ?? ['icao-9303']));
  };

  const foldDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');

  const typo = (text: string): string => {
    const characters = Array.from(text);
    if (characters.length < 3) return text;
    const at = 1 + Math.floor(random() * (characters.length - 2));
    const kind = random();
    if (kind < 0.3) characters.splice(at, 1);
    else if (kind < 0.6) [characters[at], characters[at + 1]] = [characters[at + 1] ?? '', characters[at]!];
    else if (kind < 0.8) characters.splice(at, 0, characters[at]!);
    else characters[at] = pick(['a', 'e', 'i', 'o', 'u', 'n', 'r']);
    return characters.join('');
  };

  const pad = (value: number) => String(value).padStart(2, '0');

  /** The first registration: mostly clean, romanised by the registering agency's habit. */
  const register = (person: Person, id: string, corrupt: boolean): LinkageRow => {
    const list = lists[person.origin];
    const inScript = list.cyrillic && random() < (corrupt ? 0.35 : 0.5);
    let given = romanise(person.given, list, inScript);
    let family = romanise(person.family, list, inScript);
    let sex: string = person.sex;
    let birthDate = `${person.year}-${pad(person.month)}-${pad(person.day)}`;
    let ageEstimate = '';
    let nationality = list.nationality;
    let place = romanise(person.place, list, inScript);
    if (corrupt) {
      if (chance(0.35)) given = foldDiacritics(given);
      if (chance(0.35)) family = foldDiacritics(family);
      if (chance(0.25)) place = foldDiacritics(place);
      if (chance(0.15)) given = typo(given);
      if (chance(0.15)) family = typo(family);
      if (chance(0.08) && person.sex === 'F' && person.year < 2000)
        family = romanise(pick(list.family), list, inScript);
      if (chance(0.1)) [given, family] = [family, given];
      const dateKind = random();
      const scale = options.corruption ?? 1;
      if (dateKind < 0.1 * scale) birthDate = String(person.year);
      else if (dateKind < 0.2 * scale) {
        birthDate = '';
        ageEstimate = String(
          REFERENCE_YEAR - person.year - (random() < 0.5 ? 0 : 1) + Math.floor(random() * 3) - 1,
        );
      } else if (dateKind < 0.27 * scale && person.day <= 12)
        birthDate = `${person.year}-${pad(person.day)}-${pad(person.month)}`;
      else if (dateKind < 0.3 * scale)
        birthDate = `${person.year + (random() < 0.5 ? -1 : 1)}-${pad(person.month)}-${pad(person.day)}`;
      if (chance(0.1)) sex = '';
      if (chance(0.15)) nationality = '';
      if (chance(0.25)) place = '';
    }
    return {
      id,
      given_name: given,
      family_name: family,
      sex,
      birth_date: birthDate,
      age_estimate: ageEstimate,
      nationality,
      birth_place: place,
    };
  };

  const left: LinkageRow[] = [];
  const right: LinkageRow[] = [];
  const truth = new Set<string>();
  const leftIds = new Set<number>();
  const idOf = (side: 'L' | 'R', index: number) => `${side}${String(index).padStart(7, '0')}`;
  let rightCounter = 0;
  const rightPeople: { person: Person; leftId?: string }[] = [];
  for (let index = 0; index < options.persons; index += 1) {
    const person = aPerson();
    const leftId = idOf('L', index);
    leftIds.add(index);
    left.push(register(person, leftId, random() < 0.3));
    if (random() < overlap) rightPeople.push({ person, leftId });
    // Hard negatives: a relative registered on the other side, who is someone else.
    if (random() < 0.1) rightPeople.push({ person: aRelative(person) });
    // And someone unrelated only the right side knows.
    if (random() < 0.3) rightPeople.push({ person: aPerson() });
  }
  // The right agency's file comes in its own order.
  for (let index = rightPeople.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [rightPeople[index], rightPeople[other]] = [rightPeople[other]!, rightPeople[index]!];
  }
  for (const { person, leftId } of rightPeople) {
    const rightId = idOf('R', rightCounter);
    rightCounter += 1;
    right.push(register(person, rightId, true));
    if (leftId !== undefined) truth.add(`${leftId}\t${rightId}`);
  }
  return { left, right, truth, referenceDate: REFERENCE_DATE };
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function toCsv(rows: readonly LinkageRow[]): string {
  const lines = [linkageColumns.join(',')];
  for (const row of rows) lines.push(linkageColumns.map((column) => quote(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Precision, recall and F1 of accepted pairs against the truth. */
export function linkageQuality(
  accepted: readonly { leftId: string; rightId: string }[],
  truth: ReadonlySet<string>,
): { precision: number; recall: number; f1: number; truePositives: number } {
  let truePositives = 0;
  for (const { leftId, rightId } of accepted) if (truth.has(`${leftId}\t${rightId}`)) truePositives += 1;
  const precision = accepted.length === 0 ? 0 : truePositives / accepted.length;
  const recall = truth.size === 0 ? 0 : truePositives / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives };
}

function main(argv: string[]) {
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
  };
  const generated = generateLinkage({
    seed: Number(option('seed', '1')),
    persons: Number(option('persons', '1000')),
    overlap: Number(option('overlap', '0.5')),
  });
  const folder = option('out', '.');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'left.csv'), toCsv(generated.left));
  writeFileSync(join(folder, 'right.csv'), toCsv(generated.right));
  writeFileSync(
    join(folder, 'truth.csv'),
    `left_id,right_id\n${[...generated.truth].map((pair) => pair.replace('\t', ',')).join('\n')}\n`,
  );
  process.stderr.write(
    `${generated.left.length} left, ${generated.right.length} right, ${generated.truth.size} true matches (reference date ${generated.referenceDate})\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
