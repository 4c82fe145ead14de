/**
 * The triage suggestion on the case page: suggested kind, topic and competent agency by name with
 * their confidence written out ("độ tin cậy 87%"), a worded warning when it is low (never colour
 * alone), and similar cases as links. Server-rendered; the caller passes the names, e.g. from
 * `triageNames()` in ../queries.
 */
import { t } from '../../../platform/i18n';
import type { TriageNames } from '../queries';
import type { TriageSuggestion } from '../suggest-triage';

/** Below this the panel says in words that the suggestion needs a careful look. */
export const LOW_CONFIDENCE = 0.5;

const percent = (x: number) => Math.round(x * 100);

function Confidence(props: { value: number }) {
  const low = props.value < LOW_CONFIDENCE;
  return (
    <span class={low ? 'chip chip-warning' : 'chip chip-neutral'}>
      {t('triage.panel.confidence', { percent: percent(props.value) })}
      {low ? `, ${t('triage.panel.lowConfidence')}` : ''}
    </span>
  );
}

function Suggested(props: { label: string; name: string; code: string; confidence: number }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        <span>{props.name}</span> <span class="muted mono">({props.code})</span> <Confidence value={props.confidence} />
      </dd>
    </div>
  );
}

export function TriagePanel(props: { suggestion: TriageSuggestion; names: TriageNames; headingId?: string }) {
  const { suggestion: s, names } = props;
  const headingId = props.headingId ?? 'triage-suggestion';
  const topicName = names.topics.get(s.topic.code) ?? t('triage.panel.unknownName', { code: s.topic.code });
  const agencyName = names.agencies.get(s.agency.code) ?? t('triage.panel.unknownName', { code: s.agency.code });
  return (
    <section class="card triage-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('triage.panel.heading')}</h2>
      <p class="hint">{t('triage.panel.intro')}</p>
      <dl class="summary-list">
        <Suggested label={t('triage.panel.kind')} name={t(`feedback.kind.${s.kind.value}`)} code={s.kind.value} confidence={s.kind.confidence} />
        <Suggested label={t('triage.panel.topic')} name={topicName} code={s.topic.code} confidence={s.topic.confidence} />
        <Suggested label={t('triage.panel.agency')} name={agencyName} code={s.agency.code} confidence={s.agency.confidence} />
      </dl>
      <h3>{t('triage.panel.similar')}</h3>
      {s.similar.length === 0 ? (
        <p class="muted">{t('triage.panel.noSimilar')}</p>
      ) : (
        <ul class="plain-list">
          {s.similar.map((c) => (
            <li key={c.code}>
              <a href={`/cases/${encodeURIComponent(c.code)}`}>{c.code}</a> <span class="muted">({t('triage.panel.similarity', { percent: percent(c.score) })})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
