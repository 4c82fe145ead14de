/**
 * Form building blocks following the GOV.UK pattern: an error summary at the top that links to
 * each field, labels above inputs, the error message tied to its input with aria-describedby.
 */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function ErrorSummary(props: { errors?: FieldErrors | null; message?: string | null; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
  if (!props.message && entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t('error.summaryTitle')}</h2>
      {props.message ? <p>{props.message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, msg]) => (
            <li key={field}>
              <a href={`#f-${field}`}>{props.labels?.[field] ? `${props.labels[field]}: ${msg}` : msg}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Label, hint and error around one control, tied together with aria-describedby. */
function FieldFrame(props: { name: string; label: string; error?: string; hint?: string; children: (describedBy: string | undefined) => ComponentChildren }) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children(describedBy)}
    </div>
  );
}

export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  inputMode?: string;
  maxLength?: number;
}) {
  return (
    <FieldFrame name={props.name} label={props.label} error={props.error} hint={props.hint}>
      {(describedBy) => (
        <input
          id={`f-${props.name}`}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          autoComplete={props.autocomplete}
          required={props.required}
          inputMode={props.inputMode as any}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(props: { name: string; label: string; value?: string; error?: string; hint?: string; rows?: number }) {
  return (
    <FieldFrame name={props.name} label={props.label} error={props.error} hint={props.hint}>
      {(describedBy) => (
        <textarea id={`f-${props.name}`} name={props.name} rows={props.rows ?? 5} aria-describedby={describedBy} aria-invalid={props.error ? 'true' : undefined}>
          {props.value ?? ''}
        </textarea>
      )}
    </FieldFrame>
  );
}

/** A multiple-file input; `accept` is a hint for the picker only — the server checks the bytes. */
export function FileField(props: { name: string; label: string; accept: string; error?: string; hint?: string; data?: Record<string, string> }) {
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <FieldFrame name={props.name} label={props.label} error={props.error} hint={props.hint}>
      {(describedBy) => (
        <input
          id={`f-${props.name}`}
          type="file"
          name={props.name}
          multiple
          accept={props.accept}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
          {...data}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}) {
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={props.error ? `${id}-error` : undefined} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PostForm(props: { action: string; csrfToken: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} noValidate>
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}
