import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT';
import type { Paged } from './usePaged';

interface Props<T> {
  paged: Paged<T>;
  /** Said when the first page fails, above the server's reason. */
  failed: string;
  /** Shown when the search found nothing. */
  empty: ReactNode;
  /** Classes of the scrolling list besides `rhs-list`. */
  className?: string;
  /** The results found so far. */
  children: (items: T[]) => ReactNode;
}

/**
 * A paged result list in each of its states: the first page failing or loading, nothing found, or the results
 * with, below them, a later page's error and the button for the next page (still offered after an error, to retry).
 */
export function PagedResults<T>({ paged, failed, empty, className = '', children }: Props<T>) {
  const t = useT();
  if (paged.error && !paged.items) {
    return (
      <div className="rhs-empty" role="alert">
        <p>{failed}</p>
        <p className="search-error-detail">{paged.error}</p>
      </div>
    );
  }
  if (!paged.items) return <div className="center-loading" aria-label={t('search.loading')}><div className="spinner" /></div>;
  if (paged.items.length === 0) return <div className="rhs-empty">{empty}</div>;
  return (
    <div className={`rhs-list ${className}`.trim()}>
      {children(paged.items)}
      {paged.error && <p className="search-error" role="alert">{paged.error}</p>}
      {paged.hasNext && (
        <div className="search-more">
          <button type="button" className="button small" disabled={paged.loading} onClick={paged.loadMore}>
            {paged.loading ? t('search.loading') : t('search.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
