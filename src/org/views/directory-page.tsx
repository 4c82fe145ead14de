/** The directory: the upper organisation tree as nested disclosures, and a diacritic-insensitive search. */
import { t } from '../../platform/i18n';
import { kindLabel } from '../presenters';
import type { OrgUnitKind } from '../schema';

export interface TreeNode {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  childCount: number;
}

export interface SearchResult {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentName: string | null;
  provinceName: string | null;
}

export const SEARCH_MAX_RESULTS = 50;
export const SEARCH_MAX_LENGTH = 200;

function unitHref(code: string) {
  return `/org/${encodeURIComponent(code)}`;
}

function TreeItem(props: { node: TreeNode; byParent: Map<string, TreeNode[]>; open?: boolean }) {
  const { node } = props;
  const kids = props.byParent.get(node.id) ?? [];
  const count = node.childCount > 0 ? <span class="muted"> · {t('org.directory.childCount', { count: node.childCount })}</span> : null;
  if (kids.length === 0) {
    return (
      <li>
        <span>
          <a href={unitHref(node.code)}>{node.name}</a>
          {count}
        </span>
      </li>
    );
  }
  return (
    <li>
      <details open={props.open}>
        <summary>
          {node.name}
          {count}
        </summary>
        <a href={unitHref(node.code)}>{t('org.directory.openUnit', { name: node.name })}</a>
        <ul>
          {kids.map((k) => (
            <TreeItem key={k.id} node={k} byParent={props.byParent} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function DirectoryTree(props: { nodes: TreeNode[] }) {
  const byParent = new Map<string, TreeNode[]>();
  for (const n of props.nodes) {
    if (!n.parentId) continue;
    const list = byParent.get(n.parentId) ?? [];
    list.push(n);
    byParent.set(n.parentId, list);
  }
  const ids = new Set(props.nodes.map((n) => n.id));
  const roots = props.nodes.filter((n) => !n.parentId || !ids.has(n.parentId));
  return (
    <ul class="tree">
      {roots.map((r) => (
        <TreeItem key={r.id} node={r} byParent={byParent} open />
      ))}
    </ul>
  );
}

export function SearchForm(props: { q: string }) {
  return (
    <search>
      <form method="get" action="/org" class="search-form">
        <div class="field">
          <label for="q">{t('org.directory.searchLabel')}</label>
          <p class="hint" id="q-hint">
            {t('org.directory.searchHint', { max: SEARCH_MAX_RESULTS })}
          </p>
          <input id="q" name="q" type="search" value={props.q} maxLength={SEARCH_MAX_LENGTH} aria-describedby="q-hint" />
        </div>
        <button type="submit" class="button">
          {t('common.search')}
        </button>
      </form>
    </search>
  );
}

export function DirectoryPage(props: { q: string; tree: TreeNode[] | null; results: SearchResult[] | null }) {
  return (
    <div>
      <h1>{t('org.directory.title')}</h1>
      <p class="lead">{t('org.directory.lead')}</p>
      <SearchForm q={props.q} />
      {props.results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('org.directory.resultsTitle')}</h2>
          <p role="status">{t('org.directory.results', { q: props.q, count: props.results.length })}</p>
          {props.results.length === 0 ? (
            <p>{t('org.directory.noResults')}</p>
          ) : (
            <ol class="plain-list">
              {props.results.map((r) => (
                <li key={r.code}>
                  <a href={unitHref(r.code)}>{r.name}</a>{' '}
                  <span class="muted">
                    · <span class="mono">{r.code}</span> · {kindLabel(r.kind)}
                    {r.parentName ? <> · {t('org.directory.within', { parent: r.parentName })}</> : null}
                    {r.provinceName && r.provinceName !== r.parentName ? <> · {r.provinceName}</> : null}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p>
            <a href="/org">{t('org.directory.clear')}</a>
          </p>
        </section>
      ) : null}
      {props.tree ? (
        <section aria-labelledby="tree-title">
          <h2 id="tree-title">{t('org.directory.tree')}</h2>
          <DirectoryTree nodes={props.tree} />
        </section>
      ) : null}
    </div>
  );
}
