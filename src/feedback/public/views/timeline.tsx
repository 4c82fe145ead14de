/** The public timeline of a case: event labels with their parameters, never internal data. */
import { type MessageKey, formatDateTime, hasMessage, t } from '../../../platform/i18n';

export interface PublicEvent {
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
  unitName: string | null;
}

function label(prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value ?? '')}`;
  return hasMessage(key) ? t(key as MessageKey) : '';
}

/** One line of the timeline in Vietnamese; only whitelisted parameters are used. */
export function eventText(e: PublicEvent): string {
  const key = `feedback.event.${e.type}`;
  if (!hasMessage(key)) return e.type;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return t(key as MessageKey, {
    unit: e.unitName ?? str(e.data.unitName),
    channel: label('feedback.channel', e.data.channel),
    reason: label('feedback.reject', e.data.reason),
    code: str(e.data.code ?? e.data.intoCode),
    decision: label('feedback.decision', e.data.decision),
    taskCode: str(e.data.taskCode),
  });
}

export function PublicTimeline(props: { events: PublicEvent[] }) {
  return (
    <ol class="timeline">
      {props.events.map((e, i) => (
        <li key={`${i}-${e.type}`}>
          <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time> — {eventText(e)}
        </li>
      ))}
    </ol>
  );
}
