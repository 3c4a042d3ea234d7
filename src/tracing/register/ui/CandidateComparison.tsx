import { t } from '../../../web/i18n.js';
import { type Candidate, fieldLabel, levelWords, weightWords } from './types.js';

/** How two records compare, field by field, in words: what the reviewer weighs (never the values). */
export function CandidateComparison({
  candidate,
}: {
  /** A candidate of the register, or a pair of duplicate cases: the same comparison levels. */
  candidate: Pick<Candidate, 'comparison' | 'namesSwapped'>;
}) {
  return (
    <>
      <table className="table">
        <caption className="table__caption">{t('tracing.comparison.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tracing.comparison.field')}</th>
            <th scope="col">{t('tracing.comparison.result')}</th>
            <th scope="col">{t('tracing.comparison.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {candidate.comparison.map((comparison) => (
            <tr key={comparison.field}>
              <th scope="row">{fieldLabel(comparison.field)}</th>
              <td>{levelWords(comparison.field, comparison.level)}</td>
              <td>{weightWords(comparison.weight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {candidate.namesSwapped ? <p className="body">{t('tracing.namesSwapped')}</p> : null}
    </>
  );
}
