import { type FormEvent, useRef, useState } from 'react';
import { Radios } from '../../cases/ui/fields.js';
import { ApiError, api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkboxes, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import {
  type Intake,
  inLanguage,
  intakeChannels,
  label,
  type PublishedSet,
  type Question,
  type QuestionnaireSet,
  type SetSummary,
} from './types.js';

// Running a screening (UX §2.1): phone first, one column; the channel and the questionnaire, then
// the questions grouped as the version groups them, then the explained result on the intake page.
// Nothing about the person's identity is asked here: an intake is anonymous (decision 0015).

type Answer = string | string[];
const answerField = (questionId: string) => `answer-${questionId}`;

/** Server pointers to the form's field names ("/body/answers/debt" → "answer-debt"). */
function renamePointers(error: ApiError): ApiError {
  const errors = error.problem.errors;
  if (!errors) return error;
  return new ApiError({
    ...error.problem,
    errors: errors.map(({ pointer, detail }) => {
      const answer = /^\/body\/answers\/([^/]+)/.exec(pointer);
      return { pointer: answer ? `/body/${answerField(answer[1]!)}` : pointer, detail };
    }),
  });
}

function checkAnswers(set: QuestionnaireSet, answers: Record<string, Answer>): Record<string, Text> {
  const errors: Record<string, Text> = {};
  for (const section of set.sections)
    for (const question of section.questions) {
      const answer = answers[question.id];
      const empty = answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0);
      if (
        question.kind === 'number' &&
        typeof answer === 'string' &&
        answer.trim() !== '' &&
        !/^\d{1,4}$/.test(answer.trim())
      )
        errors[answerField(question.id)] = { key: 'screening.error.number' };
      else if (question.required && empty && question.kind !== 'multi')
        errors[answerField(question.id)] = { key: 'screening.error.answer' };
    }
  return errors;
}

function toAnswers(set: QuestionnaireSet, answers: Record<string, Answer>) {
  const given: Record<string, string | string[] | number> = {};
  for (const section of set.sections)
    for (const question of section.questions) {
      const answer = answers[question.id];
      if (answer === undefined || answer === '') continue;
      if (question.kind === 'number') {
        if (typeof answer === 'string' && answer.trim() !== '') given[question.id] = Number(answer.trim());
      } else if (question.kind === 'multi') given[question.id] = Array.isArray(answer) ? answer : [answer];
      else given[question.id] = answer;
    }
  return given;
}

function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: Question;
  value: Answer | undefined;
  onChange: (value: Answer) => void;
  error: Text | undefined;
}) {
  // What every kind of question shows the same way; each kind adds its value and its answers.
  const control = {
    name: answerField(question.id),
    hint: question.hint ? inLanguage(question.hint) : undefined,
    optional: !question.required,
    error,
    onChange,
  };
  const words = inLanguage(question.text);
  const text = typeof value === 'string' ? value : '';
  const options = (question.options ?? []).map((option) => ({
    value: option.id,
    label: inLanguage(option.text),
  }));
  if (question.kind === 'yes_no_unsure')
    return (
      <Radios
        {...control}
        legend={words}
        value={text}
        options={[
          { value: 'yes', label: t('screening.answer.yes') },
          { value: 'no', label: t('screening.answer.no') },
          { value: 'unsure', label: t('screening.answer.unsure') },
        ]}
      />
    );
  if (question.kind === 'choice')
    return <Radios {...control} legend={words} value={text} options={options} />;
  if (question.kind === 'multi')
    return (
      <Checkboxes {...control} label={words} values={Array.isArray(value) ? value : []} options={options} />
    );
  return (
    <TextInput
      {...control}
      label={words}
      value={text}
      inputMode={question.kind === 'number' ? 'numeric' : 'text'}
      width={question.kind === 'number' ? 'short' : 'full'}
    />
  );
}

export function ScreeningPage() {
  const sets = useApi<{ sets: SetSummary[] }>('/api/questionnaires');
  const [channel, setChannel] = useState('');
  const [setKey, setSetKey] = useState('');
  const [months, setMonths] = useState('');
  const [selfIdentified, setSelfIdentified] = useState('');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  // Created once: if the screening is refused, answering again adds to the same intake.
  const intakeIdRef = useRef<string | null>(null);
  const [chosenId, chosenVersion] = setKey.split('@');
  const chosen = useApi<PublishedSet>(
    setKey ? `/api/questionnaires/${encodeURIComponent(chosenId ?? '')}/versions/${chosenVersion}` : null,
  );

  const latestSets = (sets.data?.sets ?? []).filter((set) => set.latest);
  const setOptions = latestSets.map((set) => ({
    value: `${set.id}@${set.version}`,
    label: inLanguage(set.title),
  }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const set = chosen.data?.set;
    const found: Record<string, Text> = {};
    if (channel === '') found.channel = { key: 'screening.error.channel' };
    if (setKey === '' || !set) found.set = { key: 'screening.error.set' };
    if (months.trim() !== '' && !/^\d{1,4}$/.test(months.trim()))
      found.months = { key: 'screening.error.months' };
    if (set) Object.assign(found, checkAnswers(set, answers));
    const order = [
      'channel',
      'set',
      'months',
      'selfIdentified',
      ...(set?.sections ?? []).flatMap((section) =>
        section.questions.map((question) => answerField(question.id)),
      ),
    ];
    const invalid = order.filter((name) => found[name] !== undefined);
    if (invalid.length > 0 || !set) {
      setErrors({ summary: invalid.map((field) => ({ field, message: found[field]! })), fields: found });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      if (!intakeIdRef.current) {
        const intake = await api.post<Intake>('/api/intakes', {
          channel,
          ...(months.trim() !== '' ? { monthsInCountry: Number(months.trim()) } : {}),
          ...(selfIdentified !== '' ? { selfIdentified: selfIdentified === 'yes' } : {}),
        });
        intakeIdRef.current = intake.id;
      }
      const intakeId = intakeIdRef.current;
      await api.post(`/api/intakes/${encodeURIComponent(intakeId)}/screenings`, {
        setId: set.id,
        setVersion: set.version,
        answers: toAnswers(set, answers),
      });
      navigate(`/intakes/${encodeURIComponent(intakeId)}`, { flash: { key: 'screening.recorded' } });
    } catch (failure) {
      setErrors(problemToFormErrors(renamePointers(toApiError(failure)), order));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Page
      title={t('screening.title')}
      caption={t('screening.caption')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/intakes">
            {t('intake.backToList')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <div style={{ maxWidth: '40rem' }}>
        <p className="body">{t('screening.intro')}</p>
        <AsyncState resource={sets}>
          {() => (
            <form className="form" noValidate autoComplete="off" onSubmit={(event) => void submit(event)}>
              <Select
                name="channel"
                label={t('screening.channel')}
                placeholder={t('screening.channelPlaceholder')}
                options={intakeChannels.map((value) => ({ value, label: label('intakeChannel', value) }))}
                value={channel}
                onChange={setChannel}
                error={errors.fields.channel}
              />
              <Radios
                name="set"
                legend={t('screening.set')}
                hint={t('screening.setHint')}
                options={setOptions}
                value={setKey}
                onChange={(value) => {
                  setSetKey(value);
                  setAnswers({});
                }}
                error={errors.fields.set}
              />
              <TextInput
                name="months"
                label={t('screening.monthsInCountry')}
                hint={t('screening.monthsInCountryHint')}
                optional
                inputMode="numeric"
                width="short"
                value={months}
                onChange={setMonths}
                error={errors.fields.months}
              />
              <Radios
                name="selfIdentified"
                legend={t('screening.selfIdentified')}
                optional
                options={[
                  { value: 'yes', label: t('screening.answer.yes') },
                  { value: 'no', label: t('screening.answer.no') },
                ]}
                value={selfIdentified}
                onChange={setSelfIdentified}
              />
              {setKey ? (
                <AsyncState resource={chosen}>
                  {({ set }) =>
                    set.sections.map((section) => (
                      <section key={section.id} aria-labelledby={`section-${section.id}`}>
                        <h2 className="heading-m" id={`section-${section.id}`}>
                          {inLanguage(section.title)}
                        </h2>
                        {section.questions.map((question) => (
                          <QuestionField
                            key={question.id}
                            question={question}
                            value={answers[question.id]}
                            onChange={(value) =>
                              setAnswers((current) => ({ ...current, [question.id]: value }))
                            }
                            error={errors.fields[answerField(question.id)]}
                          />
                        ))}
                      </section>
                    ))
                  }
                </AsyncState>
              ) : null}
              <SubmitButton sending={sending}>{t('screening.submit')}</SubmitButton>
            </form>
          )}
        </AsyncState>
      </div>
    </Page>
  );
}
