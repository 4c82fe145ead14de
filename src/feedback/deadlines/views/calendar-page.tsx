/** The working-day calendar of one year: the computed holidays, the recorded decisions, and a form to add one. */
import { formatIsoDate } from '../../../monitoring/dates';
import { ScrollRegion } from '../../../org/views/common';
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField } from '../../../web/components/forms';
import { weekday } from '../holidays';

export interface CalendarHolidayView {
  date: string;
  name: string;
  compensatory: boolean;
  /** a recorded decision changes this date */
  overridden: boolean;
}

export interface CalendarOverrideView {
  date: string;
  isWorkingDay: boolean;
  name: string;
  note: string | null;
}

export interface CalendarFormValues {
  date: string;
  isWorkingDay: string;
  name: string;
  note: string;
}

const weekdayName = (iso: string) => t(`deadlines.weekday.${weekday(iso)}` as 'deadlines.weekday.0');

export function CalendarPage(props: {
  csrfToken: string;
  year: number;
  holidays: CalendarHolidayView[];
  overrides: CalendarOverrideView[];
  values: CalendarFormValues;
  errors?: FieldErrors | null;
  message?: string | null;
}) {
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{t('deadlines.calendar.title')}</h1>
      <p class="lead">{t('deadlines.calendar.lead')}</p>
      <form method="get" action="/admin/calendar" class="search-form" aria-label={t('deadlines.calendar.year')}>
        <Field name="year" label={t('deadlines.calendar.year')} type="number" inputMode="numeric" value={String(props.year)} />
        <button type="submit" class="button button-secondary">
          {t('deadlines.calendar.show')}
        </button>
      </form>

      <h2>{t('deadlines.calendar.holidays', { year: props.year })}</h2>
<ScrollRegion label={t('deadlines.calendar.holidays', { year: props.year })}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.calendar.col.date')}</th>
              <th scope="col">{t('deadlines.calendar.col.weekday')}</th>
              <th scope="col">{t('deadlines.calendar.col.name')}</th>
              <th scope="col">{t('deadlines.calendar.col.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {props.holidays.map((h) => (
              <tr key={h.date}>
                <td>{formatIsoDate(h.date)}</td>
                <td>{weekdayName(h.date)}</td>
                <td>{h.name}</td>
                <td>
                  <span class="chip chip-neutral">{h.compensatory ? t('deadlines.calendar.kind.compensatory') : t('deadlines.calendar.kind.statutory')}</span>
                  {h.overridden ? (
                    <>
                      {' '}
                      <span class="chip chip-warning">{t('deadlines.calendar.overridden')}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>{t('deadlines.calendar.overrides')}</h2>
      {props.overrides.length === 0 ? (
        <p>{t('deadlines.calendar.noOverrides')}</p>
      ) : (
<ScrollRegion label={t('deadlines.calendar.overrides')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('deadlines.calendar.col.date')}</th>
                <th scope="col">{t('deadlines.calendar.col.weekday')}</th>
                <th scope="col">{t('deadlines.calendar.col.effect')}</th>
                <th scope="col">{t('deadlines.calendar.col.name')}</th>
                <th scope="col">{t('deadlines.calendar.col.note')}</th>
                <th scope="col">{t('deadlines.calendar.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.overrides.map((o) => (
                <tr key={o.date}>
                  <td>{formatIsoDate(o.date)}</td>
                  <td>{weekdayName(o.date)}</td>
                  <td>
                    <span class={o.isWorkingDay ? 'chip chip-success' : 'chip chip-warning'}>{o.isWorkingDay ? t('deadlines.calendar.working') : t('deadlines.calendar.dayOff')}</span>
                  </td>
                  <td>{o.name}</td>
                  <td>{o.note ?? ''}</td>
                  <td>
                    <PostForm action="/admin/calendar/remove" csrfToken={props.csrfToken} class="inline-form">
                      <input type="hidden" name="date" value={o.date} />
                      <button type="submit" class="button button-small button-danger">
                        {t('deadlines.calendar.remove', { date: formatIsoDate(o.date) })}
                      </button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <section class="card" aria-labelledby="calendar-add">
        <h2 id="calendar-add">{t('deadlines.calendar.add')}</h2>
        <ErrorSummary errors={props.errors} message={props.message} />
        <PostForm action="/admin/calendar" csrfToken={props.csrfToken}>
          <Field name="date" label={t('deadlines.calendar.field.date')} value={props.values.date} error={e.date} maxLength={20} />
          <SelectField
            name="isWorkingDay"
            label={t('deadlines.calendar.field.isWorkingDay')}
            options={[
              { value: 'off', label: t('deadlines.calendar.dayOff') },
              { value: 'working', label: t('deadlines.calendar.working') },
            ]}
            value={props.values.isWorkingDay}
            error={e.isWorkingDay}
          />
          <Field name="name" label={t('deadlines.calendar.field.name')} value={props.values.name} error={e.name} maxLength={200} />
          <Field name="note" label={t('deadlines.calendar.field.note')} value={props.values.note} error={e.note} maxLength={1000} />
          <div class="form-actions">
            <button type="submit" class="button">
              {t('deadlines.calendar.save')}
            </button>
          </div>
        </PostForm>
      </section>
    </div>
  );
}
