/** The editorial pages: article lists and review queue, the article form with preview and workflow actions, revisions with a diff. */
import type { FieldErrors } from '../../platform/errors';
import { formatDateTime, t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField, TextArea } from '../../web/components/forms';
import { type ArticleStatus, ARTICLE_STATUSES } from '../schema';
import { Cover } from './common';

export interface EditorRow {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishAt: Date | null;
  updatedAt: Date;
  featured: boolean;
  sectionName: string;
  authorName: string | null;
}

const CHIP: Record<ArticleStatus, string> = {
  draft: 'chip chip-neutral',
  in_review: 'chip chip-warning',
  scheduled: 'chip chip-warning',
  published: 'chip chip-success',
  archived: 'chip chip-neutral',
};

export function StatusChip(props: { status: ArticleStatus }) {
  return <span class={CHIP[props.status]}>{t(`portal.status.${props.status}`)}</span>;
}

export function EditorNav(props: { canPublish: boolean }) {
  return (
    <nav class="portal-editor-nav" aria-label={t('portal.editor.title')}>
      <ul>
        <li>
          <a href="/editor">{t('portal.editor.articles')}</a>
        </li>
        <li>
          <a href="/editor/articles/new">{t('portal.editor.newArticle')}</a>
        </li>
        {props.canPublish ? (
          <li>
            <a href="/editor/review">{t('portal.editor.reviewQueue')}</a>
          </li>
        ) : null}
        <li>
          <a href="/editor/pages">{t('portal.editor.pages')}</a>
        </li>
        <li>
          <a href="/editor/menus">{t('portal.editor.menus')}</a>
        </li>
        <li>
          <a href="/editor/documents">{t('portal.editor.documents')}</a>
        </li>
      </ul>
    </nav>
  );
}

export function ArticleTable(props: { rows: EditorRow[]; empty: string }) {
  if (!props.rows.length) return <p>{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('portal.editor.col.title')}</th>
            <th scope="col">{t('portal.editor.col.section')}</th>
            <th scope="col">{t('portal.editor.col.status')}</th>
            <th scope="col">{t('portal.editor.col.author')}</th>
            <th scope="col">{t('portal.editor.col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/editor/articles/${r.id}`}>{r.title}</a>
                {r.featured ? <span class="chip chip-success"> {t('portal.news.featured')}</span> : null}
              </td>
              <td>{r.sectionName}</td>
              <td>
                <StatusChip status={r.status} />
              </td>
              <td>{r.authorName ?? ''}</td>
              <td>{formatDateTime(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EditorHome(props: { rows: EditorRow[]; status?: string; canPublish: boolean }) {
  return (
    <div>
      <div class="prose">
        <h1>{t('portal.editor.title')}</h1>
        <p class="lead">{t('portal.editor.lead')}</p>
      </div>
      <EditorNav canPublish={props.canPublish} />
      <form method="get" action="/editor" class="inline-form">
        <div class="field">
          <label for="f-status">{t('portal.editor.filterStatus')}</label>
          <select id="f-status" name="status">
            <option value="">{t('portal.docs.any')}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s} selected={props.status === s}>
                {t(`portal.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t('portal.docs.apply')}
        </button>
      </form>
      <h2>{t('portal.editor.articles')}</h2>
      <ArticleTable rows={props.rows} empty={t('portal.editor.empty')} />
    </div>
  );
}

export function ReviewQueuePage(props: { rows: EditorRow[] }) {
  return (
    <div>
      <h1>{t('portal.editor.reviewQueue')}</h1>
      <EditorNav canPublish />
      <ArticleTable rows={props.rows} empty={t('portal.editor.queueEmpty')} />
    </div>
  );
}

export interface ArticleFormValues {
  sectionUnitId: string;
  categoryId: string;
  title: string;
  summary: string;
  body: string;
  tags: string;
  coverAlt: string;
  expectedVersion: string;
}

export interface ArticleFormProps {
  csrfToken: string;
  action: string;
  values: ArticleFormValues;
  sections: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  errors?: FieldErrors | null;
  message?: string | null;
  /** editing an existing article */
  existing?: {
    id: string;
    slug: string;
    status: ArticleStatus;
    version: number;
    featured: boolean;
    publishAt: Date | null;
    reviewNote: string | null;
    sectionName: string;
    cover: { hash: string; width: number; height: number; alt: string } | null;
  };
  previewHtml?: string | null;
  actions: { name: string; label: string; needsTime?: boolean; needsNote?: boolean; danger?: boolean }[];
  /** the viewer approves somewhere (shows the review queue link) */
  canPublish: boolean;
}

export function ArticleFormPage(props: ArticleFormProps) {
  const v = props.values;
  const e = props.errors ?? {};
  const ex = props.existing;
  return (
    <div>
      <h1>{ex ? t('portal.editor.editTitle') : t('portal.editor.newTitle')}</h1>
      <EditorNav canPublish={props.canPublish} />
      {ex ? (
        <p>
          <StatusChip status={ex.status} /> {t('portal.revisions.version', { version: ex.version })} ·{' '}
          <a href={`/editor/articles/${ex.id}/revisions`}>{t('portal.revisions.link')}</a> ·{' '}
          <a href={`/news/${ex.slug}`}>{ex.status === 'published' ? t('portal.workflow.viewPublic') : t('portal.form.preview')}</a>
        </p>
      ) : null}
      {ex?.reviewNote && ex.status === 'draft' ? (
        <div class="notice notice-warning" role="note">
          {t('portal.workflow.reviewNote', { note: ex.reviewNote })}
        </div>
      ) : null}
      {ex?.status === 'scheduled' && ex.publishAt ? (
        <div class="notice notice-info" role="note">
          {t('portal.workflow.scheduledFor', { at: formatDateTime(ex.publishAt) })}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="post" action={props.action} encType="multipart/form-data" noValidate class="portal-article-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="expectedVersion" value={v.expectedVersion} />
        {ex ? (
          <p>
            <strong>{t('portal.form.section')}:</strong> {ex.sectionName}
          </p>
        ) : (
          <SelectField
            name="sectionUnitId"
            label={t('portal.form.section')}
            options={props.sections.map((s) => ({ value: s.id, label: s.name }))}
            value={v.sectionUnitId}
            error={e.sectionUnitId}
          />
        )}
        <SelectField
          name="categoryId"
          label={t('portal.form.category')}
          options={[{ value: '', label: t('portal.form.noCategory') }, ...props.categories.map((c) => ({ value: c.id, label: c.name }))]}
          value={v.categoryId}
          error={e.categoryId}
        />
        <Field name="title" label={t('portal.form.title')} value={v.title} error={e.title} maxLength={300} required />
        <TextArea name="summary" label={t('portal.form.summary')} value={v.summary} error={e.summary} rows={3} />
        <TextArea name="body" label={t('portal.form.body')} value={v.body} error={e.body} hint={t('portal.form.bodyHint')} rows={16} />
        <Field name="tags" label={t('portal.form.tags')} value={v.tags} error={e.tags} hint={t('portal.form.tagsHint')} />
        {ex?.cover ? (
          <div class="field">
            <p>{t('portal.form.currentCover')}</p>
            <Cover hash={ex.cover.hash} alt={ex.cover.alt} width={ex.cover.width} height={ex.cover.height} sizes="20rem" />
            <label class="portal-check">
              <input type="checkbox" name="removeCover" value="on" /> {t('portal.form.removeCover')}
            </label>
          </div>
        ) : null}
        <div class={e.cover ? 'field field-error' : 'field'}>
          <label for="f-cover">{t('portal.form.cover')}</label>
          <p class="hint" id="f-cover-hint">
            {t('portal.form.coverHint')}
          </p>
          {e.cover ? (
            <p class="error-message" id="f-cover-error">
              {e.cover}
            </p>
          ) : null}
          <input id="f-cover" name="cover" type="file" accept="image/png,image/jpeg" aria-describedby={e.cover ? 'f-cover-hint f-cover-error' : 'f-cover-hint'} />
        </div>
        <Field name="coverAlt" label={t('portal.form.coverAlt')} value={v.coverAlt} error={e.coverAlt} hint={t('portal.form.coverAltHint')} maxLength={300} />
        <div class="form-actions">
          <button type="submit" class="button" name="intent" value="save">
            {t('portal.form.save')}
          </button>
          <button type="submit" class="button button-secondary" name="intent" value="preview">
            {t('portal.form.preview')}
          </button>
        </div>
      </form>
      {props.previewHtml != null ? (
        <section class="card portal-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('portal.form.previewHeading')}</h2>
          <h3>{v.title}</h3>
          {v.summary ? <p class="lead">{v.summary}</p> : null}
          {/* markdown.ts output: raw HTML escaped, links checked */}
          <div class="prose portal-body" dangerouslySetInnerHTML={{ __html: props.previewHtml }} />
        </section>
      ) : null}
      {ex && props.actions.length ? (
        <section aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t('portal.workflow.heading')}</h2>
          {props.actions.map((a) => (
            <PostForm key={a.name} action={`/editor/articles/${ex.id}/transition`} csrfToken={props.csrfToken} class="portal-action">
              <input type="hidden" name="action" value={a.name} />
              {a.needsTime ? <Field name="publishAt" type="datetime-local" label={t('portal.workflow.publishAt')} error={e.publishAt} /> : null}
              {a.needsNote ? <TextArea name="note" label={t('portal.workflow.note')} error={e.note} rows={2} /> : null}
              <button type="submit" class={a.danger ? 'button button-secondary' : 'button'}>
                {a.label}
              </button>
            </PostForm>
          ))}
        </section>
      ) : null}
    </div>
  );
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export function RevisionsPage(props: {
  article: { id: string; title: string };
  revisions: { version: number; authorName: string | null; createdAt: Date }[];
  from: number;
  to: number;
  diffs: { label: string; parts: DiffPart[] }[];
}) {
  const same = props.diffs.every((d) => d.parts.every((p) => !p.added && !p.removed));
  return (
    <div>
      <h1>{t('portal.revisions.title')}</h1>
      <p class="lead">
        <a href={`/editor/articles/${props.article.id}`}>{props.article.title}</a>
      </p>
      <ol class="plain-list">
        {props.revisions.map((r) => (
          <li key={r.version}>
            {t('portal.revisions.version', { version: r.version })} — {t('portal.revisions.by', { name: r.authorName ?? '', at: formatDateTime(r.createdAt) })}
          </li>
        ))}
      </ol>
      <form method="get" action={`/editor/articles/${props.article.id}/revisions`} class="inline-form">
        <SelectField
          name="from"
          label={t('portal.revisions.from')}
          options={props.revisions.map((r) => ({ value: String(r.version), label: String(r.version) }))}
          value={String(props.from)}
        />
        <SelectField
          name="to"
          label={t('portal.revisions.to')}
          options={props.revisions.map((r) => ({ value: String(r.version), label: String(r.version) }))}
          value={String(props.to)}
        />
        <button type="submit" class="button button-secondary">
          {t('portal.revisions.compareButton')}
        </button>
      </form>
      <h2>{t('portal.revisions.compare', { from: props.from, to: props.to })}</h2>
      {same ? <p>{t('portal.revisions.noChange')}</p> : null}
      {props.diffs.map((d) => (
        <section key={d.label} class="portal-diff">
          <h3>{d.label}</h3>
          <pre class="portal-diff-text">
            {d.parts.map((p, i) =>
              p.added ? (
                <ins key={i}>
                  <span class="visually-hidden">[{t('portal.revisions.added')}: </span>
                  {p.value}
                  <span class="visually-hidden">]</span>
                </ins>
              ) : p.removed ? (
                <del key={i}>
                  <span class="visually-hidden">[{t('portal.revisions.removed')}: </span>
                  {p.value}
                  <span class="visually-hidden">]</span>
                </del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
          </pre>
        </section>
      ))}
    </div>
  );
}
