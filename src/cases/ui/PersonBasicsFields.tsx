// Sex, date of birth and age estimate: the same three questions wherever a person is first written
// down (opening a case, filing a missing-person report). Each screen keeps its own words, so the
// caller gives the texts; the names, the controls and their order are the same everywhere.

import { TextInput } from '../../web/components/fields.js';
import type { Text } from '../../web/components/text.js';
import type { DateParts } from './dates.js';
import { DateInput, Radios } from './fields.js';

export type PersonBasics = { sex: string; dateOfBirth: DateParts; ageEstimate: string };

/** The screen's own texts for the three questions and the sex answers. */
export type PersonBasicsWords = {
  sex: string;
  sexHint: string;
  female: string;
  male: string;
  notKnown: string;
  dateOfBirth: string;
  dateOfBirthHint: string;
  ageEstimate: string;
  ageEstimateHint: string;
};

type PersonBasicsFieldsProps = {
  words: PersonBasicsWords;
  values: PersonBasics;
  errors: Partial<Record<string, Text>>;
  /** One answer changed: the caller merges it into its own fields. */
  onChange: (change: Partial<PersonBasics>) => void;
};

/** Sex is asked; date of birth and age estimate are optional, since they are often not known. */
export function PersonBasicsFields({ words, values, errors, onChange }: PersonBasicsFieldsProps) {
  return (
    <>
      <Radios
        name="sex"
        legend={words.sex}
        hint={words.sexHint}
        options={[
          { value: 'female', label: words.female },
          { value: 'male', label: words.male },
          { value: 'not_known', label: words.notKnown },
        ]}
        value={values.sex}
        onChange={(sex) => onChange({ sex })}
        error={errors.sex}
      />
      <DateInput
        name="dateOfBirth"
        legend={words.dateOfBirth}
        hint={words.dateOfBirthHint}
        optional
        value={values.dateOfBirth}
        onChange={(dateOfBirth) => onChange({ dateOfBirth })}
        error={errors.dateOfBirth}
      />
      <TextInput
        name="ageEstimate"
        label={words.ageEstimate}
        hint={words.ageEstimateHint}
        optional
        inputMode="numeric"
        width="short"
        value={values.ageEstimate}
        onChange={(ageEstimate) => onChange({ ageEstimate })}
        error={errors.ageEstimate}
      />
    </>
  );
}
