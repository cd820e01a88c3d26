import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';

export interface Page<T> {
  items: T[];
  hasNext: boolean;
}

export interface Paged<T> {
  /** null until the first page arrives */
  items: T[] | null;
  hasNext: boolean;
  loading: boolean;
  error: string;
  loadMore: () => void;
}

/**
 * Pages of one search: the first page whenever `key` changes (a new search), further pages on
 * demand. Answers to an older search that arrive late are dropped.
 */
export function usePaged<T>(key: string, load: (page: number) => Promise<Page<T>>, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [hasNext, setHasNext] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const generation = useRef(0);
  const nextPage = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback((page: number, replace: boolean) => {
    const mine = generation.current;
    setLoading(true);
    setError('');
    loadRef.current(page).then(
      (result) => {
        if (mine !== generation.current) return;
        nextPage.current = page + 1;
        setItems((prev) => (replace || !prev ? result.items : [...prev, ...result.items]));
        setHasNext(result.hasNext);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    if (!enabled) return;
    generation.current += 1;
    setItems(null);
    setHasNext(false);
    fetchPage(0, true);
  }, [key, enabled, fetchPage]);

  const loadMore = useCallback(() => fetchPage(nextPage.current, false), [fetchPage]);
  return { items, hasNext, loading, error, loadMore };
}
