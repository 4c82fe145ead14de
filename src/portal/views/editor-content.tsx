/** Editorial pages for static pages, the menu and the document library. */
import type { FieldErrors } from '../../platform/errors';
import { formatDate, t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField, TextArea } from '../../web/components/forms';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type legalDocument, type portalMenuItem } from '../schema';
import { EditorNav } from './editor-pages';

export function PagesList(props: { pages: { id: string; slug: string; title: string; published: boolean; sectionName: string }[]; canPublish: boolean }) {
  return (
    <div>
      <h1>{t('portal.editor.pages')}</h1>
      <EditorNav canPublish={props.canPublish} />
      <p>
        <a class="button" href="/editor/pages/new">
          {t('portal.pageForm.new')}
        </a>
      </p>
      {props.pages.length ? (
        <ul class="plain-list">
          {props.pages.map((p) => (
            <li key={p.id}>
              <a href={`/editor/pages/${p.id}`}>{p.title}</a> <span class="mono">/pages/{p.slug}</span> · {p.sectionName} ·{' '}
              <span class={p.published ? 'chip chip-success' : 'chip chip-neutral'}>{p.published ? t('portal.pages.public') : t('portal.pages.hidden')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('portal.pages.empty')}</p>
      )}
    </div>
  );
}

export interface PageFormValues {
  sectionUnitId: string;
  slug: string;
  title: string;
  body: string;
  published: boolean;
}

export function PageForm(props: {
  csrfToken: string;
  action: string;
  values: PageFormValues;
  sections: { id: string; name: string }[] | null;
  errors?: FieldErrors | null;
  message?: string | null;
  canPublish: boolean;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{props.sections ? t('portal.pageForm.new') : t('portal.pageForm.edit')}</h1>
      <EditorNav canPublish={props.canPublish} />
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action={props.action} csrfToken={props.csrfToken}>
        {props.sections ? (
          <SelectField name="sectionUnitId" label={t('portal.form.section')} options={props.sections.map((s) => ({ value: s.id, label: s.name }))} value={v.sectionUnitId} error={e.sectionUnitId} />
        ) : null}
        <Field name="title" label={t('portal.form.title')} value={v.title} error={e.title} maxLength={300} />
        <Field name="slug" label={t('portal.pageForm.slug')} value={v.slug} error={e.slug} hint={t('portal.pageForm.slugHint')} maxLength={80} />
        <TextArea name="body" label={t('portal.form.body')} value={v.body} error={e.body} hint={t('portal.form.bodyHint')} rows={14} />
        <div class="field">
          <label class="portal-check">
            <input type="checkbox" name="published" value="on" checked={v.published} /> {t('portal.pageForm.published')}
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            {t('portal.form.save')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}

export function MenusPage(props: {
  csrfToken: string;
  items: (typeof portalMenuItem.$inferSelect)[];
  values: { label: string; href: string; sortOrder: string };
  errors?: FieldErrors | null;
  canManage: boolean;
}) {
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{t('portal.editor.menus')}</h1>
      <EditorNav canPublish={props.canManage} />
      {props.items.length ? (
        <ol class="plain-list">
          {props.items.map((i) => (
            <li key={i.id}>
              {i.label} <span class="mono">{i.href}</span>
              {props.canManage ? (
                <PostForm action={`/editor/menus/${i.id}/delete`} csrfToken={props.csrfToken} class="inline-form">
                  <button type="submit" class="button-link">
                    {t('portal.menuForm.delete')} <span class="visually-hidden">{i.label}</span>
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('portal.menus.empty')}</p>
      )}
      {props.canManage ? (
        <>
          <h2>{t('portal.menuForm.add')}</h2>
          <ErrorSummary errors={props.errors} />
          <PostForm action="/editor/menus" csrfToken={props.csrfToken}>
            <Field name="label" label={t('portal.menuForm.label')} value={props.values.label} error={e.label} maxLength={80} />
            <Field name="href" label={t('portal.menuForm.href')} value={props.values.href} error={e.href} maxLength={500} />
            <Field name="sortOrder" label={t('portal.menuForm.order')} value={props.values.sortOrder} error={e.sortOrder} inputMode="numeric" />
            <div class="form-actions">
              <button type="submit" class="button">
                {t('portal.menuForm.add')}
              </button>
            </div>
          </PostForm>
        </>
      ) : null}
    </div>
  );
}

type Doc = typeof legalDocument.$inferSelect;

export function DocumentsAdmin(props: { docs: { doc: Doc }[]; canPublish: boolean }) {
  return (
    <div>
      <h1>{t('portal.editor.documents')}</h1>
      <EditorNav canPublish={props.canPublish} />
      <p>
        <a class="button" href="/editor/documents/new">
          {t('portal.docForm.new')}
        </a>
      </p>
      <ul class="plain-list">
        {props.docs.map(({ doc }) => (
          <li key={doc.id}>
            <a href={`/editor/documents/${doc.id}`}>{doc.number}</a> — {doc.title} ({doc.issuedOn ? formatDate(doc.issuedOn) : t('portal.docs.unknownDate')})
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface DocumentFormValues {
  sectionUnitId: string;
  number: string;
  docType: string;
  title: string;
  issuer: string;
  issuedOn: string;
  effectiveOn: string;
  summary: string;
  status: string;
  note: string;
  featured: boolean;
}

export function DocumentForm(props: {
  csrfToken: string;
  action: string;
  values: DocumentFormValues;
  sections: { id: string; name: string }[] | null;
  errors?: FieldErrors | null;
  canPublish: boolean;
  canFeature: boolean;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{props.sections ? t('portal.docForm.new') : t('portal.docForm.edit')}</h1>
      <EditorNav canPublish={props.canPublish} />
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action} encType="multipart/form-data" noValidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.sections ? (
          <SelectField name="sectionUnitId" label={t('portal.form.section')} options={props.sections.map((s) => ({ value: s.id, label: s.name }))} value={v.sectionUnitId} error={e.sectionUnitId} />
        ) : null}
        <Field name="number" label={t('portal.docs.number')} value={v.number} error={e.number} maxLength={100} />
        <SelectField name="docType" label={t('portal.docs.type')} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`portal.docType.${d}`) }))} value={v.docType} error={e.docType} />
        <Field name="title" label={t('portal.docForm.title')} value={v.title} error={e.title} maxLength={500} />
        <Field name="issuer" label={t('portal.docs.issuer')} value={v.issuer} error={e.issuer} maxLength={200} />
        <Field name="issuedOn" type="date" label={t('portal.docs.issuedOn')} value={v.issuedOn} error={e.issuedOn} />
        <Field name="effectiveOn" type="date" label={t('portal.docs.effectiveOn')} value={v.effectiveOn} error={e.effectiveOn} />
        <SelectField name="status" label={t('portal.docs.status')} options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`portal.docStatus.${s}`) }))} value={v.status} error={e.status} />
        <TextArea name="summary" label={t('portal.docs.summary')} value={v.summary} error={e.summary} rows={4} />
        <TextArea name="note" label={t('portal.docs.note')} value={v.note} error={e.note} rows={2} />
        <div class={e.file ? 'field field-error' : 'field'}>
          <label for="f-file">{t('portal.docForm.file')}</label>
          {e.file ? <p class="error-message">{e.file}</p> : null}
          <input id="f-file" name="file" type="file" accept="application/pdf,.docx" />
        </div>
        {props.canFeature ? (
          <div class="field">
            <label class="portal-check">
              <input type="checkbox" name="featured" value="on" checked={v.featured} /> {t('portal.docForm.featured')}
            </label>
          </div>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="button">
            {t('portal.form.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
