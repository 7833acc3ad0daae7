import { createContext, ReactNode, useContext, useEffect, useState } from 'react';

/**
 * One ticker for a whole page: every countdown on it reads the same `now`,
 * which moves once a second. Countdowns are computed from the clocks' `dueAt`
 * in the browser; nothing is fetched to make them move.
 */
export function useTicker(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const NowContext = createContext<number>(Date.now());

/** Gives the page's ticker to every countdown below it. */
export function NowProvider({ children }: { children: ReactNode }) {
  return <NowContext.Provider value={useTicker()}>{children}</NowContext.Provider>;
}

/** The page's `now`, from the nearest NowProvider. */
export function useNow(): number {
  return useContext(NowContext);
}
