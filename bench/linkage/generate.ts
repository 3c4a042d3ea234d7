/**
 * Synthetic cross-border registrations for measuring record linkage (issue 5, acceptance 7).
 * Two agencies register overlapping sets of people; the second copy of a person shows the
 * corruptions real cross-border records show: a Cyrillic name written in Cyrillic or romanised by
 * another standard, dropped diacritics, typos, given and family name swapped, a year-only or
 * missing date with an age estimate, day and month swapped, a married name, missing fields. Hard
 * negatives are relatives who are different people: siblings and twins sharing family name,
 * birthplace and nationality, and parents.
 *
 * Family names are long-tailed as real ones are: thousands per country drawn by Zipf–Mandelbrot
 * shares (the commonest about 0.7 %), Vietnam's few family names by their published shares; given
 * names are a short list per sex and country (0027). Every name here is from synthetic lists of
 * common given and family names: no record describes a real person. Seeded: the same seed gives
 * the same files. `stories` says what was done to each row, for breaking errors down by cause
 * (bench/linkage/measure-plaintext.ts).
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
  /**
   * Synthetic family names are also made from a root and a suffix, for a realistic spread: the
   * roots listed and roots built from `syllables` (onset + vowel + coda). See
   * docs/decisions/0027-linkage-generator-name-frequencies.md.
   */
  roots: string[];
  suffixes: string[];
  syllables?: { onsets: string[]; vowels: string[]; codas: string[] };
  /**
   * Shares of `family` when a country's family names are few and concentrated (Vietnam): drawn
   * by these shares, with no synthetic names. Otherwise the Zipf–Mandelbrot draw of `familyRanks`.
   */
  familyShares?: number[];
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
const cyrillicSyllables = {
  onsets: 'Б В Г Д Ж З К Л М Н П Р С Т Ф Х Ц Ч Ш Бр Гр Др Кр Пр Тр Ст Сл Хм'.split(' '),
  vowels: 'а о е и у'.split(' '),
  codas: 'б в д ж з к л м н р с т ш ст'.split(' '),
};

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
    syllables: cyrillicSyllables,
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
    syllables: cyrillicSyllables,
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
    syllables: cyrillicSyllables,
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
    syllables: cyrillicSyllables,
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
    syllables: {
      onsets: 'B C D F G L M N P R S T V Z Ș Ț Br Cr Dr Gr Pr St Tr'.split(' '),
      vowels: 'a e i o u ă â'.split(' '),
      codas: 'c d l m n r s t ș nd rc rt'.split(' '),
    },
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
    syllables: {
      onsets: 'B C D G L M N P R S T V Ș Ț Cr Gr'.split(' '),
      vowels: 'a e i o u ă â'.split(' '),
      codas: 'b c d l m n r s t ș rc'.split(' '),
    },
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
    syllables: {
      onsets: 'B D Dh Gj K L Ll M N P R Rr Sh T V Xh Z Dr Kr Pr'.split(' '),
      vowels: 'a e i o u ë'.split(' '),
      codas: 'j k l m n r sh t ll rr'.split(' '),
    },
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
    // Yoruba, Igbo and Edo names are built of open syllables: vowel + consonant + vowel roots.
    syllables: {
      onsets: 'A E I O U Ad Ak Ob Ok Ol Os Ig Ek Ez Uw Ny Nw'.split(' '),
      vowels: 'b d f g k l m n r s t w y'.split(' '),
      codas: 'a e i o u'.split(' '),
    },
  },
  vn: {
    nationality: 'VNM',
    cyrillic: false,
    // A middle name and a personal name: the personal name, not the family name, tells people apart.
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
    family: [
      'Nguyễn',
      'Trần',
      'Lê',
      'Phạm',
      'Hoàng',
      'Huỳnh',
      'Phan',
      'Vũ',
      'Võ',
      'Đặng',
      'Bùi',
      'Đỗ',
      'Hồ',
      'Ngô',
      'Dương',
      'Lý',
    ],
    // Published shares of the commonest Vietnamese family names (Nguyễn about 38 %, Trần 11 %,
    // Lê 9.5 %, …); the rest of the population spread over the others here.
    familyShares: [38, 11, 9.5, 7, 5.1, 2, 4.5, 3.9, 2, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5],
    places: ['Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Hải Phòng', 'Thanh Hóa', 'Hà Nội'],
    roots: [],
    suffixes: [],
  },
};

const origins = Object.keys(lists) as Origin[];

// Vietnamese given names: a middle name (Thị for many women) and one of many personal names.
const vietnameseMiddle = {
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Phương', 'Thanh', 'Minh', 'Kim', 'Hồng', 'Mỹ', 'Bích'],
  male: ['Văn', 'Văn', 'Văn', 'Minh', 'Đức', 'Quang', 'Hữu', 'Thành', 'Hoàng', 'Tiến', 'Công', 'Đình'],
};
const vietnamesePersonal = {
  female:
    'Lan Hương Anh Trang Mai Linh Hà Hoa Thảo Huyền Nga Hằng Hạnh Thủy Yến Nhung Loan Dung Phương Vân Oanh Trinh Ngân Quỳnh Diệp Hiền Tâm Nhi Vy Giang'.split(
      ' ',
    ),
  male: 'Hùng Tuấn Anh Huy Long Nam Dũng Hải Sơn Thắng Cường Khánh Phong Bình Trung Hiếu Tài Quân Vinh Đạt Lâm Thịnh Tùng Hòa Phúc Kiên Lộc Toàn Hưng Duy'.split(
    ' ',
  ),
};

/**
 * Family names of an origin, commonest first: the listed common names, then names of roots
 * (listed, and built of syllables) and suffixes, in an order fixed per origin (not per seed).
 */
function familyRanks(origin: Origin): string[] {
  const list = lists[origin];
  const names = new Set(list.family);
  if (list.familyShares !== undefined) return [...names];
  const roots = new Set(list.roots);
  const syllables = list.syllables;
  if (syllables !== undefined)
    for (const onset of syllables.onsets)
      for (const vowel of syllables.vowels)
        for (const coda of syllables.codas) roots.add(onset + vowel + coda);
  const synthetic: string[] = [];
  for (const root of roots) for (const suffix of list.suffixes) synthetic.push(root + suffix);
  const shuffle = seededRandom(0x5eed + origins.indexOf(origin));
  for (let index = synthetic.length - 1; index > 0; index -= 1) {
    const other = Math.floor(shuffle() * (index + 1));
    [synthetic[index], synthetic[other]] = [synthetic[other]!, synthetic[index]!];
  }
  for (const name of synthetic) names.add(name);
  return [...names];
}

/**
 * Zipf–Mandelbrot shares 1 / (rank + q) over an origin's family names. Family-name frequencies
 * follow a power law with exponent near 1 in their tail; the shift q = 25 flattens the head so
 * that the commonest name covers about 1 % of a country of a few thousand names (0027).
 */
const ZIPF_SHIFT = 25;
const familyTables = new Map<Origin, { names: string[]; cumulative: Float64Array }>();

function familyTable(origin: Origin): { names: string[]; cumulative: Float64Array } {
  let table = familyTables.get(origin);
  if (table === undefined) {
    const names = familyRanks(origin);
    const shares = lists[origin].familyShares;
    const cumulative = new Float64Array(names.length);
    let total = 0;
    names.forEach((_name, rank) => {
      total += shares?.[rank] ?? 1 / (rank + 1 + ZIPF_SHIFT);
      cumulative[rank] = total;
    });
    for (let rank = 0; rank < names.length; rank += 1) cumulative[rank] = cumulative[rank]! / total;
    table = { names, cumulative };
    familyTables.set(origin, table);
  }
  return table;
}

/** A family name of an origin (masculine or neutral form) for a uniform draw in [0, 1). */
function drawFamily(origin: Origin, uniform: number): string {
  const { names, cumulative } = familyTable(origin);
  let low = 0;
  let high = names.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > uniform) high = middle;
    else low = middle + 1;
  }
  return names[low]!;
}

/** Share of the commonest family name and number of names of each origin (for 0027 and tests). */
export function familyNameSpread(): Record<string, { names: number; topShare: number }> {
  const spread: Record<string, { names: number; topShare: number }> = {};
  for (const origin of origins) {
    const { names, cumulative } = familyTable(origin);
    spread[origin] = { names: names.length, topShare: cumulative[0]! };
  }
  return spread;
}

interface Person {
  origin: Origin;
  given: string;
  family: string;
  /** Family name before marriage, when the person married (women only, as registered later). */
  birthFamily: string;
  /** The family name in its masculine (or only) form, which relatives share. */
  familyStem: string;
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

/** What the generator did to one registration, for breaking errors down by cause. */
export interface RowStory {
  /** Index of the person registered (relatives and strangers are persons of their own). */
  person: number;
  /** On the right: a registration of a left person, a relative of one, or a stranger. */
  kind: 'left' | 'match' | 'twin' | 'sibling' | 'parent' | 'stranger';
  /** For relatives, the left id of the person they are related to. */
  relativeOf?: string;
  /** Corruptions applied, in order (e.g. 'typo-family', 'swapped-names', 'year-only'). */
  corruptions: string[];
}

export interface GeneratedLinkage {
  left: LinkageRow[];
  right: LinkageRow[];
  /** True matches as `${leftId}\t${rightId}`. */
  truth: Set<string>;
  /** Per row id, what the generator did (not used by the engine or the measures). */
  stories: Map<string, RowStory>;
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
    const familyStem = drawFamily(origin, random());
    const family = familyName(list, familyStem, sex);
    return {
      origin,
      given:
        origin === 'vn'
          ? `${pick(sex === 'F' ? vietnameseMiddle.female : vietnameseMiddle.male)} ${pick(sex === 'F' ? vietnamesePersonal.female : vietnamesePersonal.male)}`
          : pick(sex === 'F' ? list.female : list.male),
      family,
      birthFamily: family,
      familyStem,
      sex,
      year: 1975 + Math.floor(random() * 35),
      month: 1 + Math.floor(random() * 12),
      day: 1 + Math.floor(random() * 28),
      place: pick(list.places),
    };
  };

  /** A relative: a sibling (sometimes a twin) or a parent, sharing family name and birthplace. */
  const aRelative = (of: Person): { person: Person; kind: 'twin' | 'sibling' | 'parent' } => {
    const list = lists[of.origin];
    const sex = random() < 0.5 ? 'F' : 'M';
    const family = familyName(list, of.familyStem, sex);
    const kind = random();
    const twin = kind < 0.2;
    const parent = kind > 0.7;
    let given = pick(sex === 'F' ? list.female : list.male);
    if (given === of.given) given = pick(sex === 'F' ? list.female : list.male);
    const person: Person = {
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
    return { person, kind: twin ? 'twin' : parent ? 'parent' : 'sibling' };
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
  const register = (person: Person, id: string, corrupt: boolean, corruptions: string[]): LinkageRow => {
    const list = lists[person.origin];
    const inScript = list.cyrillic && random() < (corrupt ? 0.35 : 0.5);
    if (list.cyrillic) corruptions.push(inScript ? 'cyrillic' : 'romanised');
    let given = romanise(person.given, list, inScript);
    let family = romanise(person.family, list, inScript);
    let sex: string = person.sex;
    let birthDate = `${person.year}-${pad(person.month)}-${pad(person.day)}`;
    let ageEstimate = '';
    let nationality = list.nationality;
    let place = romanise(person.place, list, inScript);
    if (corrupt) {
      const tagged = (tag: string, happened: boolean) => {
        if (happened) corruptions.push(tag);
        return happened;
      };
      if (tagged('folded-given', chance(0.35))) given = foldDiacritics(given);
      if (tagged('folded-family', chance(0.35))) family = foldDiacritics(family);
      if (chance(0.25)) place = foldDiacritics(place);
      if (tagged('typo-given', chance(0.15))) given = typo(given);
      if (tagged('typo-family', chance(0.15))) family = typo(family);
      if (tagged('married-name', chance(0.08) && person.sex === 'F' && person.year < 2000))
        family = romanise(familyName(list, drawFamily(person.origin, random()), 'F'), list, inScript);
      if (tagged('swapped-names', chance(0.1))) [given, family] = [family, given];
      const dateKind = random();
      const scale = options.corruption ?? 1;
      if (dateKind < 0.1 * scale) {
        birthDate = String(person.year);
        corruptions.push('year-only');
      } else if (dateKind < 0.2 * scale) {
        birthDate = '';
        ageEstimate = String(
          REFERENCE_YEAR - person.year - (random() < 0.5 ? 0 : 1) + Math.floor(random() * 3) - 1,
        );
        corruptions.push('age-estimate');
      } else if (dateKind < 0.27 * scale && person.day <= 12) {
        birthDate = `${person.year}-${pad(person.day)}-${pad(person.month)}`;
        corruptions.push('day-month-swapped');
      } else if (dateKind < 0.3 * scale) {
        birthDate = `${person.year + (random() < 0.5 ? -1 : 1)}-${pad(person.month)}-${pad(person.day)}`;
        corruptions.push('year-off-by-one');
      }
      if (tagged('no-sex', chance(0.1))) sex = '';
      if (tagged('no-nationality', chance(0.15))) nationality = '';
      if (tagged('no-place', chance(0.25))) place = '';
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
  const stories = new Map<string, RowStory>();
  type RightPerson = { person: Person; index: number; kind: RowStory['kind']; leftId?: string };
  const rightPeople: RightPerson[] = [];
  let personCounter = 0;
  for (let index = 0; index < options.persons; index += 1) {
    const person = aPerson();
    const personIndex = personCounter++;
    const leftId = idOf('L', index);
    leftIds.add(index);
    const corruptions: string[] = [];
    left.push(register(person, leftId, random() < 0.3, corruptions));
    stories.set(leftId, { person: personIndex, kind: 'left', corruptions });
    if (random() < overlap) rightPeople.push({ person, index: personIndex, kind: 'match', leftId });
    // Hard negatives: a relative registered on the other side, who is someone else.
    if (random() < 0.1) {
      const relative = aRelative(person);
      rightPeople.push({ person: relative.person, index: personCounter++, kind: relative.kind, leftId });
    }
    // And someone unrelated only the right side knows.
    if (random() < 0.3) rightPeople.push({ person: aPerson(), index: personCounter++, kind: 'stranger' });
  }
  // The right agency's file comes in its own order.
  for (let index = rightPeople.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [rightPeople[index], rightPeople[other]] = [rightPeople[other]!, rightPeople[index]!];
  }
  for (const { person, index, kind, leftId } of rightPeople) {
    const rightId = idOf('R', rightCounter);
    rightCounter += 1;
    const corruptions: string[] = [];
    right.push(register(person, rightId, true, corruptions));
    const story: RowStory = { person: index, kind, corruptions };
    if (kind !== 'match' && leftId !== undefined) story.relativeOf = leftId;
    stories.set(rightId, story);
    if (kind === 'match' && leftId !== undefined) truth.add(`${leftId}\t${rightId}`);
  }
  return { left, right, truth, stories, referenceDate: REFERENCE_DATE };
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
